"""The development issuer's private keys under ``.local/dev-issuer/``: none outlives its stack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ops.demo import dev_tokens

pytestmark = pytest.mark.unit


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_keys_of_dead_processes_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / f"key-{_dead_pid()}.pem"
    alive = tmp_path / f"key-{os.getpid()}.pem"
    other = tmp_path / "notes.txt"
    for path in (dead, alive, other):
        path.write_text("x")

    removed = dev_tokens.remove_stale_keys(tmp_path)

    assert removed == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])


def test_a_run_writes_its_key_and_removes_it_when_the_stack_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dev_tokens, "KEY_DIR", tmp_path)
    dev_tokens._issuer.cache_clear()
    stale = tmp_path / f"key-{_dead_pid()}.pem"
    stale.write_text("old")
    try:
        environment = dev_tokens.dev_token_environment()
        key = Path(environment["API_AUTH_DEV_PRIVATE_KEY_FILE"])
        assert key == tmp_path / f"key-{os.getpid()}.pem"
        assert key.read_bytes().startswith(b"-----BEGIN")
        assert oct(key.stat().st_mode & 0o777) == "0o600"
        assert not stale.exists(), "a killed stack's key is cleaned at start"

        dev_tokens.remove_key_file()
        assert not key.exists()
    finally:
        dev_tokens._issuer.cache_clear()
