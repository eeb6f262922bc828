"""Development ID tokens for the API these tests build (``bootstrap.firestore_api_app``): minted
for the process's settings as they are when the token is asked for."""

from __future__ import annotations

from wild_workouts import bootstrap
from wild_workouts.http.dev_tokens import mint_dev_token as mint_for


def mint_dev_token(uid: str, role: str, name: str) -> str:
    """A token for ``uid`` with ``role``, accepted by the API on the process's settings."""
    return mint_for(uid, role, name, auth=bootstrap.settings().api_auth)
