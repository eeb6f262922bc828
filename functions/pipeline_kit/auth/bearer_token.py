"""Extracting the token from an ``Authorization: Bearer <token>`` header."""

from pipeline_kit.auth.access_denied import Unauthenticated


def bearer_token(authorization_header: str | None) -> str:
    """The token; Unauthenticated("missing_token") or ("not_bearer") otherwise.

    The scheme is case-insensitive (RFC 7235); exactly one token must follow it.
    """
    if not authorization_header or not authorization_header.strip():
        raise Unauthenticated("missing_token")
    scheme, _, token = authorization_header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or any(char.isspace() for char in token):
        raise Unauthenticated("not_bearer")
    return token
