"""Splitting a compact JWS (``header.payload.signature``) into its decoded parts.

A header with ``crit`` is refused (InvalidToken("unsupported_critical_header")): RFC 7515
section 4.1.11 makes a JWS whose ``crit`` names an extension the recipient does not understand
invalid, and these verifiers understand none (Google and Firebase never send ``crit``).
"""

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from pipeline_kit.auth.invalid_token import InvalidToken

_LONGEST_TOKEN = 16 * 1024
_BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@dataclass(frozen=True, slots=True)
class CompactJwt:
    header: dict[str, Any]
    claims: dict[str, Any]
    signing_input: bytes
    signature: bytes


def decode_compact_jwt(token: str) -> CompactJwt:
    """Decode without verifying anything; InvalidToken("malformed") when it is not a JWT."""
    if not isinstance(token, str) or len(token) > _LONGEST_TOKEN:
        raise InvalidToken("malformed")
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise InvalidToken("malformed")
    header_part, claims_part, signature_part = parts
    return CompactJwt(
        header=_header(header_part),
        claims=_json_object(_base64url(claims_part)),
        signing_input=f"{header_part}.{claims_part}".encode("ascii"),
        signature=_base64url(signature_part),
    )


def decode_unsigned_jwt(token: str) -> CompactJwt:
    """Decode an unsecured JWT (RFC 7519 section 6: ``header.payload.`` with an empty signature);
    InvalidToken("malformed") for anything else, including a token that carries a signature."""
    if not isinstance(token, str) or len(token) > _LONGEST_TOKEN:
        raise InvalidToken("malformed")
    parts = token.split(".")
    if len(parts) != 3 or not parts[0] or not parts[1] or parts[2]:
        raise InvalidToken("malformed")
    header_part, claims_part, _ = parts
    return CompactJwt(
        header=_header(header_part),
        claims=_json_object(_base64url(claims_part)),
        signing_input=f"{header_part}.{claims_part}".encode("ascii"),
        signature=b"",
    )


def header_algorithm(token: str) -> str | None:
    """The ``alg`` of the token's header (nothing else is decoded or trusted); InvalidToken
    ("malformed") when the token is not three dot-separated parts with a JSON header."""
    if not isinstance(token, str) or len(token) > _LONGEST_TOKEN:
        raise InvalidToken("malformed")
    parts = token.split(".")
    if len(parts) != 3 or not parts[0]:
        raise InvalidToken("malformed")
    algorithm = _json_object(_base64url(parts[0])).get("alg")
    return algorithm if isinstance(algorithm, str) else None


def _header(part: str) -> dict[str, Any]:
    header = _json_object(_base64url(part))
    if "crit" in header:
        raise InvalidToken("unsupported_critical_header")
    return header


def _base64url(part: str) -> bytes:
    if not _BASE64URL.issuperset(part) or len(part) % 4 == 1:
        raise InvalidToken("malformed")
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise InvalidToken("malformed") from None


def _json_object(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidToken("malformed") from None
    if not isinstance(value, dict):
        raise InvalidToken("malformed")
    return value
