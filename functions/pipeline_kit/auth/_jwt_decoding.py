"""JWT decoding for the kit's verifiers: a strict shape gate, then PyJWT.

PyJWT (``jwt``, imported inside the functions: a process that never verifies a token never
loads it) verifies the RS256 signature and the ``iss`` and ``aud`` claims. Before it, the shape
gate refuses, as InvalidToken("malformed"), what PyJWT would read leniently or only after the
signature: a token over 16 KiB, not three parts, a segment outside the unpadded base64url
alphabet (PyJWT's decoder drops stray characters and accepts padding), a header or claims that
are not a JSON object (a broken claims segment is malformed even when its signature is bad too).
A header with ``crit`` is refused (InvalidToken("unsupported_critical_header")): RFC 7515
section 4.1.11 makes a JWS whose ``crit`` names an extension the recipient does not understand
invalid; these verifiers understand none (Google and Firebase never send ``crit``), while PyJWT
understands ``b64`` (RFC 7797 unencoded payloads), which no token here may use.

Times (``exp``, ``iat``, ``nbf``, ``auth_time``) are checked by ``_registered_claims`` against
the verifier's own clock, not by PyJWT (which reads the system clock).
"""

import base64
import binascii
import json
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from pipeline_kit.auth.invalid_token import InvalidToken

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
    from jwt.types import Options

_LONGEST_TOKEN = 16 * 1024
_BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_CLAIMS_ONLY: "Options" = {  # PyJWT checks iss and aud; times are checked on the verifier's clock
    "verify_iss": True,
    "verify_aud": True,
    "verify_exp": False,
    "verify_iat": False,
    "verify_nbf": False,
    "verify_sub": False,
    "verify_jti": False,
    "require": [],
}


def checked_header(token: str, *, signed: bool) -> dict[str, Any]:
    """The header of a token of the right shape: three parts, header and claims JSON objects, no
    ``crit``, and a signature segment that is non-empty when ``signed``, empty otherwise (RFC 7519
    section 6's unsecured JWT). InvalidToken("malformed") for anything else."""
    if not isinstance(token, str) or len(token) > _LONGEST_TOKEN:
        raise InvalidToken("malformed")
    parts = token.split(".")
    if len(parts) != 3 or not parts[0] or not parts[1] or bool(parts[2]) is not signed:
        raise InvalidToken("malformed")
    header = _json_object(_base64url(parts[0]))
    if "crit" in header:
        raise InvalidToken("unsupported_critical_header")
    _json_object(_base64url(parts[1]))
    if signed:
        _base64url(parts[2])
    return header


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


def rs256_claims(
    token: str, key: "RSAPublicKey", *, issuers: Collection[str], audiences: Collection[str]
) -> dict[str, Any]:
    """PyJWT's decoding of a token that passed ``checked_header``: the RS256 signature by ``key``
    ("bad_signature"), then ``iss`` in ``issuers`` ("wrong_issuer") and ``aud`` naming one of
    ``audiences`` ("wrong_audience")."""
    import jwt

    try:
        return jwt.decode(
            token,
            key,
            algorithms=["RS256"],
            options={**_CLAIMS_ONLY, "verify_signature": True},
            issuer=frozenset(issuers),
            audience=sorted(audiences),
        )
    except jwt.InvalidTokenError as error:
        raise _refusal(error) from None


def unsigned_claims(token: str, *, issuers: Collection[str], audiences: Collection[str]) -> dict[str, Any]:
    """PyJWT's decoding of an unsecured token (``alg`` ``none``, empty signature) that passed
    ``checked_header(token, signed=False)``: nothing to verify but ``iss`` and ``aud``."""
    import jwt

    try:
        return jwt.decode(
            token,
            options={**_CLAIMS_ONLY, "verify_signature": False},
            issuer=frozenset(issuers),
            audience=sorted(audiences),
        )
    except jwt.InvalidTokenError as error:
        raise _refusal(error) from None


def _refusal(error: Exception) -> InvalidToken:
    """PyJWT's error as the kit's reason code."""
    import jwt

    if isinstance(error, jwt.InvalidSignatureError):
        return InvalidToken("bad_signature")
    if isinstance(error, jwt.InvalidIssuerError) or (
        isinstance(error, jwt.MissingRequiredClaimError) and error.claim == "iss"
    ):
        return InvalidToken("wrong_issuer")
    if isinstance(error, jwt.InvalidAudienceError) or (
        isinstance(error, jwt.MissingRequiredClaimError) and error.claim == "aud"
    ):
        return InvalidToken("wrong_audience")
    if isinstance(error, jwt.InvalidAlgorithmError):
        return InvalidToken("unsupported_algorithm")
    return InvalidToken("malformed")


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
