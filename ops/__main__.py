"""``python -m ops``: the ops CLI."""

from ops.cli import main

main()
