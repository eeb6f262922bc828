"""Verifying RS256-signed JWTs (Google OIDC tokens, Firebase ID tokens) against a key source.

The signature and the ``iss`` / ``aud`` checks are PyJWT's (``_jwt_decoding``); the key source,
the key rules (RSA, at least 2048 bits: ``_rsa_public_keys``), the times on the verifier's own
clock and the memo of verified tokens are the kit's.
"""

import threading
import time
import types
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

from pipeline_kit.auth._jwt_decoding import checked_header, rs256_claims
from pipeline_kit.auth._registered_claims import check_times, time_claim
from pipeline_kit.auth._rsa_public_keys import rsa_public_key
from pipeline_kit.auth.certificate_source import CertificateSource
from pipeline_kit.auth.invalid_token import InvalidToken

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

_ALGORITHM = "RS256"


class JwtVerifier:
    """Checks, in order: shape (a ``crit`` header is refused: no extension is understood),
    ``alg`` is RS256 (``none``, HS*, ES*, PS* are refused), ``kid`` names a known key (asking the
    source to refresh once if not), the signature, ``iss``, ``aud``, ``exp``, then ``iat`` and
    ``nbf``, with ``clock_skew_seconds`` of tolerance on times.

    ``verify`` raises InvalidToken with a reason code; CertificatesUnavailable from the source
    propagates (a server fault, not the caller's).

    Verified tokens are remembered (at most ``cache_size``, keyed by the whole token string) until
    they expire: Pub/Sub sends the same OIDC token with many pushes, and re-checking an RSA
    signature per message is the costliest step of the kit. Only tokens that passed every check
    are remembered, and expiry is checked again on every use.
    """

    def __init__(
        self,
        certificates: CertificateSource,
        *,
        issuers: Collection[str],
        audiences: Collection[str],
        clock_skew_seconds: float = 30,
        clock: Callable[[], float] = time.time,
        cache_size: int = 256,
    ) -> None:
        if not issuers or not audiences:
            raise ValueError("a JwtVerifier needs at least one issuer and one audience")
        self._certificates = certificates
        self._issuers = frozenset(issuers)
        self._audiences = frozenset(audiences)
        self._skew = clock_skew_seconds
        self._clock = clock
        self._cache_size = cache_size
        self._verified: dict[str, tuple[float, Mapping[str, Any]]] = {}
        self._lock = threading.Lock()

    def verify(self, token: str) -> Mapping[str, Any]:
        """The token's claims (read-only) when every check passes."""
        remembered = self._verified.get(token)
        if remembered is not None:
            expires_at, claims = remembered
            if self._clock() < expires_at + self._skew:
                return claims
            with self._lock:
                self._verified.pop(token, None)
            raise InvalidToken("expired")
        header = checked_header(token, signed=True)
        if header.get("alg") != _ALGORITHM:
            raise InvalidToken("unsupported_algorithm")
        decoded = rs256_claims(token, self._public_key(header), issuers=self._issuers, audiences=self._audiences)
        check_times(decoded, self._clock(), self._skew)
        claims = types.MappingProxyType(decoded)
        self._remember(token, claims)
        return claims

    def _remember(self, token: str, claims: Mapping[str, Any]) -> None:
        expires_at = time_claim(claims, "exp", required=True)
        if expires_at is None or self._cache_size <= 0:
            return
        with self._lock:
            if len(self._verified) >= self._cache_size:
                self._verified.pop(next(iter(self._verified)))  # the oldest
            self._verified[token] = (expires_at, claims)

    def _public_key(self, header: Mapping[str, Any]) -> "RSAPublicKey":
        """The key the header's ``kid`` names, asking the source to refresh once if it is unknown."""
        key_id = header.get("kid")
        if not isinstance(key_id, str) or not key_id:
            raise InvalidToken("malformed")
        pem = self._certificates.keys().get(key_id)
        if pem is None:
            pem = self._certificates.keys(refresh=True).get(key_id)
        if pem is None:
            raise InvalidToken("unknown_key")
        return rsa_public_key(pem)
