"""Tokens for the demo users, minted by the local development issuer.

The key pair is generated once per run and written (mode 600) under the git-ignored
``.local/`` folder, so the function process (which verifies) and the demo (which mints)
share it. Never used on Cloud Run: the functions refuse the development issuer there.
"""

from __future__ import annotations

import os
from functools import cache

from ops.local_stack.local_paths import REPO_ROOT
from pipeline_kit.auth import DevTokenIssuer

_KEY_FILE = REPO_ROOT / ".local" / "dev-issuer" / f"key-{os.getpid()}.pem"


@cache
def _issuer(project: str) -> DevTokenIssuer:
    issuer = DevTokenIssuer(project)
    _KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    _KEY_FILE.touch(mode=0o600)
    _KEY_FILE.write_bytes(issuer.private_key_pem)
    return issuer


def dev_token_environment(project: str = "wild-workouts-local") -> dict[str, str]:
    """The variables that make the API trust this run's development issuer."""
    _issuer(project)
    return {"API_AUTH_DEV_ISSUER": "true", "API_AUTH_DEV_PRIVATE_KEY_FILE": str(_KEY_FILE)}


def mint(uid: str, role: str, name: str, project: str = "wild-workouts-local") -> str:
    return _issuer(project).mint(uid, role=role, name=name)
