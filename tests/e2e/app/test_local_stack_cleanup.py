"""The local stack leaves no process behind: after Ctrl-C in the middle of `python -m ops dev`."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ctrl_c import interruptible

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[3]


def _children_of(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ctrl_c_in_the_middle_of_dev_stops_every_process() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "ops", "dev"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=interruptible,  # noqa: PLW1509 - only resets one signal before exec
    )
    descendants: set[int] = set()
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 90
        line = ""
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if "local stack up" in line or not line:
                break
        assert "local stack up" in line, f"the stack did not come up: {line!r}"
        descendants = _children_of(process.pid)
        java = [
            pid for pid in descendants if "java" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="ignore")
        ]
        assert len(java) >= 2, "both emulators run a java child"
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        assert process.wait(timeout=60) == 0
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(pid) for pid in descendants):
            time.sleep(0.2)
        assert [pid for pid in descendants if _alive(pid)] == []
    finally:
        if process.poll() is None:  # a failure above: leave nothing behind either
            leftovers = descendants | _children_of(process.pid)  # before they are orphaned
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            for pid in leftovers:  # each child of the stack leads its own group
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(pid, signal.SIGKILL)
