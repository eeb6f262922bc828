"""Building the push authenticator a process uses from its environment, once at start-up."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING

from pipeline_kit.auth.env_settings import env_flag, env_list, on_cloud_run
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from pipeline_kit.auth.push_authenticator import (
    GOOGLE_ISSUERS,
    DisabledPushAuthenticator,
    PushAuthenticating,
    PushAuthenticator,
)

if TYPE_CHECKING:
    from pipeline_kit.auth.certificate_source import CertificateSource

ALLOWED_EMAILS = "PUSH_AUTH_ALLOWED_EMAILS"


def allowed_emails_variable(scope: str) -> str:
    """The variable holding the callers of one ``scope`` of a service that serves several (the
    monolith: each push consumer, each scheduler trigger): ``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>``,
    the scope's name upper-cased with ``-`` as ``_`` (``trainer-calendar`` →
    ``PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR``, ``outbox_sweeper`` → ``..._OUTBOX_SWEEPER``)."""
    return f"{ALLOWED_EMAILS}_{scope.upper().replace('-', '_')}"


def push_authenticator_from_env(
    environ: Mapping[str, str],
    *,
    scope: str | None = None,
    certificates: CertificateSource | None = None,
    clock: Callable[[], float] = time.time,
) -> PushAuthenticating:
    """The authenticator of the requests of ``scope`` (a push consumer's or a trigger's name;
    None: the service's only one). Settings:

    - ``PUSH_AUTH_AUDIENCE``: comma list of accepted ``aud`` values (required when enabled).
    - ``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>`` (``allowed_emails_variable``): comma list of the
      service accounts allowed to call ``scope``. When the variable is present it alone decides
      for that scope (so in the monolith the path decides which list applies, and a push
      account's token works on its own consumer's path only).
    - ``PUSH_AUTH_ALLOWED_EMAILS``: comma list of push service accounts, for a scope without a
      variable of its own (a per-function service, which serves one scope).
    - ``PUSH_AUTH_DISABLED``: ``true`` only next to the local emulator, which sends no token.

    Raises InsecureConfiguration when auth is disabled on Cloud Run (``K_SERVICE`` set) or
    enabled without an audience or allowed emails. No network I/O happens here: certificates
    are fetched on the first request (from Google unless ``certificates`` is given; every
    authenticator of the process shares one cache of Google's).
    """
    if env_flag(environ, "PUSH_AUTH_DISABLED"):
        if on_cloud_run(environ):
            raise InsecureConfiguration("PUSH_AUTH_DISABLED is true on Cloud Run (K_SERVICE set)")
        return DisabledPushAuthenticator()
    emails_variable = ALLOWED_EMAILS
    if scope is not None and allowed_emails_variable(scope) in environ:
        emails_variable = allowed_emails_variable(scope)
    audiences = env_list(environ, "PUSH_AUTH_AUDIENCE")
    allowed_emails = env_list(environ, emails_variable)
    missing = [
        name
        for name, value in (
            ("PUSH_AUTH_AUDIENCE", audiences),
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
        audiences=audiences,
        clock=clock,
    )
    return PushAuthenticator(verifier, allowed_emails)


def _named(emails_variable: str, scope: str | None) -> str:
    if scope is None or emails_variable != ALLOWED_EMAILS:
        return emails_variable
    return f"{allowed_emails_variable(scope)} (or {ALLOWED_EMAILS})"


@cache
def _google_certificates() -> CertificateSource:
    """Google's OIDC signing keys, one cache for the process (one fetch serves every scope)."""
    from pipeline_kit.auth.http_certificate_source import GOOGLE_OAUTH2_CERTS_URL, HttpCertificateSource

    return HttpCertificateSource(GOOGLE_OAUTH2_CERTS_URL)
