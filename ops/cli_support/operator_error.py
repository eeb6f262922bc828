"""An error the operator can act on: the CLI prints its message as one line on stderr."""

from __future__ import annotations


class OperatorError(Exception):
    """A failure explained in one line (what is wrong and what to do). Exit code 2, no traceback."""
