"""PEM certificates and public keys as RSA public keys for PyJWT (``cryptography`` is imported lazily)."""

import functools
from typing import TYPE_CHECKING

from pipeline_kit.auth.invalid_token import InvalidToken

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

_SMALLEST_KEY_BITS = 2048


@functools.lru_cache(maxsize=64)
def rsa_public_key(pem: str) -> "RSAPublicKey":
    """The RSA key in an X.509 certificate or a public-key PEM; InvalidToken("unknown_key") if
    the PEM is unreadable, not RSA, or shorter than 2048 bits."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    data = pem.encode("ascii", errors="replace")
    key: object
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            key = x509.load_pem_x509_certificate(data).public_key()
        else:
            key = load_pem_public_key(data)
    except (ValueError, TypeError):
        raise InvalidToken("unknown_key") from None
    if not isinstance(key, RSAPublicKey) or key.key_size < _SMALLEST_KEY_BITS:
        raise InvalidToken("unknown_key")
    return key
