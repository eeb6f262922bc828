"""The guide (docs/kit.md) shows the example's files as they are: every code block titled with a
path (```python title="examples/hello/…", ```hcl for the topology) is that file's whole text, so a
newcomer who types the guide gets the example that the e2e test runs. The commands it names exist
too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ops.cli import main

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[3]
GUIDE = REPO / "docs" / "kit.md"
TITLED_BLOCK = re.compile(r'^```(?:python|hcl) title="([^"]+)"\n(.*?)^```$', re.MULTILINE | re.DOTALL)


def _titled_blocks() -> list[tuple[str, str]]:
    return [(match[1], match[2]) for match in TITLED_BLOCK.finditer(GUIDE.read_text())]


def test_the_guide_shows_every_file_of_the_example_as_it_is() -> None:
    blocks = _titled_blocks()
    shown = {path for path, _ in blocks}

    assert shown == {
        "examples/hello/main.py",
        "examples/hello/topology.tf",
        "examples/hello/hello_app/events.py",
        "examples/hello/hello_app/greet_command.py",
        "examples/hello/hello_app/reply_handler.py",
    }
    for path, text in blocks:
        assert text == (REPO / path).read_text(), f"docs/kit.md's copy of {path} differs from the file"


def test_ops_dev_takes_the_topology_the_guide_names() -> None:
    result = CliRunner().invoke(main, ["dev", "--help"])

    assert result.exit_code == 0
    assert "--topology" in result.output
    assert "examples/hello/topology.tf" in GUIDE.read_text()
    assert (REPO / "examples" / "hello" / "topology.tf").is_file()
