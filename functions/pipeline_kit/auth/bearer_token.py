"""Extracting the token from an ``Authorization: Bearer <token>`` header."""

from pipeline_kit.auth.access_denied import Unauthenticated


def bearer_token(authorization_header: str | None) -> str:
    """The token; Unauthenticated("missing_token") or ("not_bearer") otherwise.

    The scheme is case-insensitive (RFC 7235); exactly one token must follow it (``str.split``
    finds inner whitespace at C speed: a per-character check cost ~20 µs per push request).
    """
    if not authorization_header or not authorization_header.strip():
        raise Unauthenticated("missing_token")
    scheme, _, token = authorization_header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token.split(None, 1)) != 1:
        raise Unauthenticated("not_bearer")
    return token
