"""Verifying the ID tokens that callers of the HTTP API send (Firebase Authentication)."""

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline_kit.auth._registered_claims import check_auth_time
from pipeline_kit.auth.access_denied import Unauthenticated
from pipeline_kit.auth.bearer_token import bearer_token
from pipeline_kit.auth.certificate_source import CertificateSource
from pipeline_kit.auth.http_certificate_source import (
    FIREBASE_CERTS_URL,
    HttpCertificateSource,
)
from pipeline_kit.auth.invalid_token import InvalidToken
from pipeline_kit.auth.jwt_verifier import JwtVerifier

_LONGEST_UID = 128


def firebase_issuer(project_id: str) -> str:
    return f"https://securetoken.google.com/{project_id}"


@dataclass(frozen=True, slots=True)
class ApiCaller:
    """An authenticated API user. ``role`` is the custom claim ``role`` (None when absent or not
    a string): what roles mean is the application's business, not the kit's."""

    uid: str
    role: str | None
    name: str | None
    claims: Mapping[str, Any]


def api_caller_from_claims(claims: Mapping[str, Any]) -> ApiCaller:
    """The caller named by verified claims: a non-empty ``sub`` of at most 128 characters
    (else InvalidToken("malformed")), the ``role`` and ``name`` claims when they are strings."""
    uid = claims.get("sub")
    if not isinstance(uid, str) or not uid or len(uid) > _LONGEST_UID:
        raise InvalidToken("malformed")
    role = claims.get("role")
    name = claims.get("name")
    return ApiCaller(
        uid=uid,
        role=role if isinstance(role, str) else None,
        name=name if isinstance(name, str) else None,
        claims=claims,
    )


def authenticate_bearer(verify: Callable[[str], ApiCaller], authorization_header: str | None) -> ApiCaller:
    """The caller of an HTTP request whose bearer token ``verify`` accepts; Unauthenticated
    (401) with the reason when the header is missing or the token invalid."""
    token = bearer_token(authorization_header)
    try:
        return verify(token)
    except InvalidToken as invalid:
        raise Unauthenticated(invalid.reason) from None


class FirebaseIdTokenVerifier:
    """RS256 token, issuer ``https://securetoken.google.com/<project>`` (or the development
    issuer's), audience ``<project>``, every check of JwtVerifier, ``auth_time`` present and not
    in the future (``clock_skew_seconds`` of tolerance, as on the other times), a non-empty
    ``sub`` of at most 128 characters."""

    def __init__(
        self,
        project_id: str,
        *,
        certificates: CertificateSource | None = None,
        issuer: str | None = None,
        clock: Callable[[], float] = time.time,
        clock_skew_seconds: float = 30,
    ) -> None:
        self._jwt = JwtVerifier(
            certificates or HttpCertificateSource(FIREBASE_CERTS_URL),
            issuers=[issuer or firebase_issuer(project_id)],
            audiences=[project_id],
            clock=clock,
            clock_skew_seconds=clock_skew_seconds,
        )
        self._clock = clock
        self._skew = clock_skew_seconds

    def verify(self, token: str) -> ApiCaller:
        """The caller, or InvalidToken (CertificatesUnavailable propagates)."""
        claims = self._jwt.verify(token)
        check_auth_time(claims, self._clock(), self._skew)
        return api_caller_from_claims(claims)

    def authenticate(self, authorization_header: str | None) -> ApiCaller:
        """The caller of an HTTP request; Unauthenticated (401) with the reason otherwise."""
        return authenticate_bearer(self.verify, authorization_header)
