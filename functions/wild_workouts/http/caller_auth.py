"""Who calls the API: the verified Firebase (or development) ID token, as a ``Caller``.

401 (``Unauthenticated``) for a missing or untrusted token, and for a verified token whose
``sub`` is not a user id (``shared_kernel.user_id``: e.g. ``__x__``, ``a/b/c`` or ``..``, which
Firestore cannot store as a document id) or whose ``name`` is not Unicode text (a lone
surrogate, which Firestore cannot store); 403 (``Forbidden``) when the token is fine but its
``role`` claim is missing or not one the gym knows (roles are custom claims set by an
administrator; a fresh sign-up without one may do nothing yet).
"""

from __future__ import annotations

from typing import Protocol

from pipeline_kit.auth.access_denied import Forbidden, Unauthenticated
from pipeline_kit.auth.firebase_id_token_verifier import ApiCaller
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.role import Role
from wild_workouts.shared_kernel.user_id import is_user_id


class TokenVerifier(Protocol):
    def authenticate(self, authorization_header: str | None) -> ApiCaller: ...


def authenticated_caller(verifier: TokenVerifier, authorization_header: str | None) -> Caller:
    api_caller = verifier.authenticate(authorization_header)
    if not is_user_id(api_caller.uid):
        raise Unauthenticated("sub_not_a_user_id")
    if api_caller.name is not None and not _is_text(api_caller.name):
        raise Unauthenticated("name_not_text")
    try:
        role = Role(api_caller.role or "")
    except ValueError:
        raise Forbidden("unknown_role") from None
    return Caller(user_id=api_caller.uid, role=role, name=api_caller.name or api_caller.uid)


def _is_text(claim: str) -> bool:
    try:
        claim.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
