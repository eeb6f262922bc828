"""The time claims every ID token verifier checks on its own clock: ``exp``, ``iat``, ``nbf``; and
``auth_time``, which Firebase ID tokens must carry (``iss`` and ``aud`` are PyJWT's, see
``_jwt_decoding``).

Shared by the RS256 verifier (JwtVerifier) and the Authentication emulator's unsigned-token
verifier, so both enforce exactly the same time rules. A NumericDate must be a finite number (a
boolean, a string or 10**400 is "malformed"), which PyJWT's own time checks do not insist on.
"""

import math
from collections.abc import Mapping
from typing import Any

from pipeline_kit.auth.invalid_token import InvalidToken


def check_times(claims: Mapping[str, Any], now: float, skew_seconds: float) -> None:
    """``exp`` (required) not passed, ``iat`` (required) and ``nbf`` (optional) not in the
    future, each with ``skew_seconds`` of tolerance; a non-numeric time is "malformed"."""
    expires_at = time_claim(claims, "exp", required=True)
    if expires_at is not None and now >= expires_at + skew_seconds:
        raise InvalidToken("expired")
    for name in ("iat", "nbf"):
        moment = time_claim(claims, name, required=name == "iat")
        if moment is not None and moment > now + skew_seconds:
            raise InvalidToken("not_yet_valid")


def check_auth_time(claims: Mapping[str, Any], now: float, skew_seconds: float) -> None:
    """Firebase's rule for ID tokens: ``auth_time`` (when the user signed in) is required, a
    NumericDate ("malformed" otherwise), and in the past: later than ``now`` plus
    ``skew_seconds`` is "not_yet_valid"."""
    signed_in_at = time_claim(claims, "auth_time", required=True)
    if signed_in_at is not None and signed_in_at > now + skew_seconds:
        raise InvalidToken("not_yet_valid")


def time_claim(claims: Mapping[str, Any], name: str, *, required: bool) -> float | None:
    """A NumericDate claim as seconds; None when absent and optional, else InvalidToken("malformed")."""
    value = claims.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidToken("malformed")
    try:
        moment = float(value)
    except OverflowError:
        raise InvalidToken("malformed") from None
    if not math.isfinite(moment):
        raise InvalidToken("malformed")
    return moment
