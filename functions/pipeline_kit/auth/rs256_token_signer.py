"""Signing JWTs with RS256: the development issuer and tests (``cryptography``, imported lazily).

Not ``jwt.encode``: verifying is PyJWT's (``_jwt_decoding``), but its encoder validates headers
and refuses some that the verifier's tests must be able to sign (a ``kid`` of null), and the
development issuer would load PyJWT for no check at all. Signing is not the security-critical half.
"""

import base64
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey


def sign_rs256(header: Mapping[str, Any], claims: Mapping[str, Any], key: "RSAPrivateKey") -> str:
    """A compact JWS; ``header`` should name the ``kid`` (``alg`` is set to RS256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    signing_input = f"{_segment({**header, 'alg': 'RS256'})}.{_segment(claims)}"
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{base64url(signature)}"


def base64url(raw: bytes) -> str:
    """Unpadded base64url, as JWTs use."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _segment(value: Mapping[str, Any]) -> str:
    return base64url(json.dumps(value, separators=(",", ":")).encode("utf-8"))
