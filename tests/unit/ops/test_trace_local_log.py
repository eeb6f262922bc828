"""``ops trace`` on the local stack reads the newest stack's functions log when none is given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ops.trace.local_functions_log import newest_functions_log

pytestmark = pytest.mark.unit


def test_the_newest_stack_functions_log_is_chosen(tmp_path: Path) -> None:
    older = tmp_path / "stack-20261201-100000-1" / "functions.log"
    newer = tmp_path / "stack-20261201-110000-2" / "functions.log"
    other_kind = tmp_path / "kit-e2e-20261201-120000-3" / "functions.log"
    for index, path in enumerate((older, newer, other_kind)):
        path.parent.mkdir()
        path.write_text("{}\n")
        os.utime(path, (1_000_000 + index, 1_000_000 + index))

    assert newest_functions_log(tmp_path) == newer


def test_no_stack_log_is_none(tmp_path: Path) -> None:
    assert newest_functions_log(tmp_path) is None
