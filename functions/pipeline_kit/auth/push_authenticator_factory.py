"""Building the push authenticator of one scope from the process's settings, once at start-up."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from pipeline_kit.auth.auth_settings import ALLOWED_EMAILS, PushAuthSettings, allowed_emails_variable
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from pipeline_kit.auth.push_authenticator import (
    GOOGLE_ISSUERS,
    DisabledPushAuthenticator,
    PushAuthenticating,
    PushAuthenticator,
)

if TYPE_CHECKING:
    from pipeline_kit.auth.certificate_source import CertificateSource


def build_push_authenticator(
    settings: PushAuthSettings,
    *,
    scope: str | None = None,
    certificates: CertificateSource | None = None,
    clock: Callable[[], float] = time.time,
) -> PushAuthenticating:
    """The authenticator of the requests of ``scope`` (a push consumer's or a trigger's name;
    None: the service's only one). What ``settings`` mean:

    - ``audiences`` (``PUSH_AUTH_AUDIENCE``): accepted ``aud`` values (required when enabled).
    - ``allowed_emails_by_scope`` (``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>``, ``allowed_emails_variable``):
      the service accounts allowed to call ``scope``. When the variable is present it alone
      decides for that scope (so in the monolith the path decides which list applies, and a push
      account's token works on its own consumer's path only).
    - ``allowed_emails`` (``PUSH_AUTH_ALLOWED_EMAILS``): push service accounts, for a scope
      without a variable of its own (a per-function service, which serves one scope).
    - ``disabled`` (``PUSH_AUTH_DISABLED``): only next to the local emulator, which sends no token.

    Raises InsecureConfiguration when auth is disabled on Cloud Run (``K_SERVICE`` set) or
    enabled without an audience or allowed emails. No network I/O happens here: certificates
    are fetched on the first request (from Google unless ``certificates`` is given; every
    authenticator of the process shares one cache of Google's).
    """
    if settings.disabled:
        if settings.on_cloud_run:
            raise InsecureConfiguration("PUSH_AUTH_DISABLED is true on Cloud Run (K_SERVICE set)")
        return DisabledPushAuthenticator()
    emails_variable, allowed_emails = settings.callers_of(scope)
    missing = [
        name
        for name, value in (
            ("PUSH_AUTH_AUDIENCE", settings.audiences),
            (_named(emails_variable, scope), allowed_emails),
        )
        if not value
    ]
    if missing:
        raise InsecureConfiguration(f"push auth is enabled but {', '.join(missing)} is not set")
    from pipeline_kit.auth.jwt_verifier import JwtVerifier

    verifier = JwtVerifier(
        certificates or _google_certificates(),
        issuers=GOOGLE_ISSUERS,
        audiences=list(settings.audiences),
        clock=clock,
    )
    return PushAuthenticator(verifier, list(allowed_emails))


def _named(emails_variable: str, scope: str | None) -> str:
    if scope is None or emails_variable != ALLOWED_EMAILS:
        return emails_variable
    return f"{allowed_emails_variable(scope)} (or {ALLOWED_EMAILS})"


@cache
def _google_certificates() -> CertificateSource:
    """Google's OIDC signing keys, one cache for the process (one fetch serves every scope)."""
    from pipeline_kit.auth.http_certificate_source import GOOGLE_OAUTH2_CERTS_URL, HttpCertificateSource

    return HttpCertificateSource(GOOGLE_OAUTH2_CERTS_URL)
