"""``python -m ops smoke`` as an operator meets it: one line and exit 2 for an operator error."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[3]


def _smoke(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ops", "smoke", *args], check=False, cwd=REPO, capture_output=True, text=True, timeout=60
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_not_a_url_is_one_line_and_exit_2() -> None:
    result = _smoke("not-a-url")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["not an API URL: 'not-a-url' (expected http(s)://host[:port][/path])"], (
        "one line, no traceback"
    )


def test_an_unreachable_url_shows_each_wait_and_fails_once() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"

    result = _smoke(url, "--attempts", "3", "--pause", "0.1")

    assert result.returncode == 2
    assert result.stdout == "", "no FAIL lines per check: the failure is the one line below"
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert [line.endswith(f"(attempt {k}/3)") for k, line in enumerate(lines[:2], 1)] == [True, True]
    assert all(line.startswith(f"waiting for {url}/openapi.json: ") for line in lines[:2])
    assert lines[2].startswith(f"cannot reach {url}: ") and lines[2].endswith("(after 3 attempts)")


def test_the_standalone_module_behaves_the_same() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ops.smoke", "ftp://x"],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr.splitlines() == ["not an API URL: 'ftp://x' (expected http(s)://host[:port][/path])"]
