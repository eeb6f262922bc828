"""Who calls the API: the verified Firebase (or development) ID token, as a ``Caller``.

401 (``Unauthenticated``) for a missing or untrusted token; 403 (``Forbidden``) when the token
is fine but its ``role`` claim is missing or not one the gym knows (roles are custom claims
set by an administrator; a fresh sign-up without one may do nothing yet).
"""

from __future__ import annotations

from typing import Protocol

from pipeline_kit.auth.access_denied import Forbidden
from pipeline_kit.auth.firebase_id_token_verifier import ApiCaller
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.role import Role


class TokenVerifier(Protocol):
    def authenticate(self, authorization_header: str | None) -> ApiCaller: ...


def authenticated_caller(verifier: TokenVerifier, authorization_header: str | None) -> Caller:
    api_caller = verifier.authenticate(authorization_header)
    try:
        role = Role(api_caller.role or "")
    except ValueError:
        raise Forbidden("unknown_role") from None
    return Caller(user_id=api_caller.uid, role=role, name=api_caller.name or api_caller.uid)
