"""The registered-claim checks every ID token verifier applies: ``iss``, ``aud``, ``exp``, ``iat``, ``nbf``;
and ``auth_time``, which Firebase ID tokens must carry.

Shared by the RS256 verifier (JwtVerifier) and the Authentication emulator's unsigned-token
verifier, so both enforce exactly the same issuer, audience and time rules.
"""

import math
from collections.abc import Collection, Mapping
from typing import Any

from pipeline_kit.auth.invalid_token import InvalidToken


def check_issuer_and_audience(claims: Mapping[str, Any], issuers: Collection[str], audiences: Collection[str]) -> None:
    """InvalidToken("wrong_issuer") unless ``iss`` is one of ``issuers``; ("wrong_audience")
    unless ``aud`` (a string or a list) names one of ``audiences``."""
    if claims.get("iss") not in issuers:
        raise InvalidToken("wrong_issuer")
    audience = claims.get("aud")
    candidates = audience if isinstance(audience, list) else [audience]
    if not any(isinstance(item, str) and item in audiences for item in candidates):
        raise InvalidToken("wrong_audience")


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
