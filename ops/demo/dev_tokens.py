"""Tokens for the demo users, minted by the local development issuer.

The key pair is generated once per run and written (mode 600) under the git-ignored
``.local/dev-issuer/key-<pid>.pem``, so the function process (which verifies) and the demo (which
mints) share it. ``remove_key_file`` deletes it when the stack stops; the first key of a run also
deletes the keys of processes that are gone (a stack that was killed). Never used on Cloud Run:
the functions refuse the development issuer there.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from ops.local_stack.local_paths import REPO_ROOT
from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer

KEY_DIR = REPO_ROOT / ".local" / "dev-issuer"
_KEY_NAME = re.compile(r"^key-(\d+)\.pem$")


def key_file(directory: Path | None = None, pid: int | None = None) -> Path:
    return (directory or KEY_DIR) / f"key-{os.getpid() if pid is None else pid}.pem"


@cache
def _issuer(project: str) -> DevTokenIssuer:
    remove_stale_keys()
    issuer = DevTokenIssuer(project)
    path = key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_bytes(issuer.private_key_pem)
    return issuer


def dev_token_environment(project: str = "wild-workouts-local") -> dict[str, str]:
    """The variables that make the API trust this run's development issuer."""
    _issuer(project)
    return {"API_AUTH_DEV_ISSUER": "true", "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file())}


def mint(uid: str, role: str, name: str, project: str = "wild-workouts-local") -> str:
    return _issuer(project).mint(uid, role=role, name=name)


def remove_key_file() -> None:
    """Delete this process's key (the stack stopped); minting again in this process needs none of it."""
    key_file().unlink(missing_ok=True)


def remove_stale_keys(directory: Path | None = None) -> list[Path]:
    """Delete the keys whose process is gone; returns them."""
    from ops.dev_stack.dev_stack_record import process_alive

    removed: list[Path] = []
    try:
        entries = list((directory or KEY_DIR).iterdir())
    except FileNotFoundError:
        return removed
    for path in entries:
        match = _KEY_NAME.match(path.name)
        if match and not process_alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
