"""Authenticating Pub/Sub push requests by their OIDC token."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from pipeline_kit.auth.access_denied import Forbidden, Unauthenticated
from pipeline_kit.auth.bearer_token import bearer_token
from pipeline_kit.auth.invalid_token import InvalidToken

if TYPE_CHECKING:  # the verifier's module loads only where auth is enabled
    from pipeline_kit.auth.jwt_verifier import JwtVerifier

GOOGLE_ISSUERS = ("https://accounts.google.com", "accounts.google.com")
"""The ``iss`` values of the OIDC tokens Pub/Sub push attaches."""


@dataclass(frozen=True, slots=True)
class PushCaller:
    """Who sent a push request. ``anonymous`` only when push auth is disabled locally."""

    email: str
    subject: str | None
    anonymous: bool = False


ANONYMOUS_LOCAL_CALLER = PushCaller(email="anonymous-local", subject=None, anonymous=True)


class PushAuthenticating(Protocol):
    def authenticate(self, authorization_header: str | None) -> PushCaller: ...


class PushAuthenticator:
    """Checks every part of a push OIDC token, not just some.

    Unauthenticated (401, a nack) when the header is missing, not ``Bearer``, or the token fails
    JwtVerifier (signature, issuer, audience, expiry). Forbidden (403, a nack too) when the token
    is valid but its ``email`` is not an allowed service account or ``email_verified`` is not
    true. CertificatesUnavailable propagates (answer 5xx).
    """

    def __init__(self, verifier: JwtVerifier, allowed_emails: Collection[str]) -> None:
        if not allowed_emails:
            raise ValueError("a PushAuthenticator needs at least one allowed email")
        self._verifier = verifier
        self._allowed_emails = frozenset(email.strip().lower() for email in allowed_emails)

    def authenticate(self, authorization_header: str | None) -> PushCaller:
        token = bearer_token(authorization_header)
        try:
            claims = self._verifier.verify(token)
        except InvalidToken as invalid:
            raise Unauthenticated(invalid.reason) from None
        email = claims.get("email")
        if not isinstance(email, str) or email.lower() not in self._allowed_emails:
            raise Forbidden("email_not_allowed")
        if claims.get("email_verified") is not True:
            raise Forbidden("email_not_verified")
        subject = claims.get("sub")
        return PushCaller(email=email, subject=subject if isinstance(subject, str) else None)


class DisabledPushAuthenticator:
    """Accepts every request as ANONYMOUS_LOCAL_CALLER: only for the local emulator, which never
    sends a token. build_push_authenticator refuses it on Cloud Run."""

    def authenticate(self, authorization_header: str | None) -> PushCaller:
        return ANONYMOUS_LOCAL_CALLER
