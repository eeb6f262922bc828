"""Building the push authenticator a process uses from its environment, once at start-up."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
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


def push_authenticator_from_env(
    environ: Mapping[str, str],
    *,
    certificates: CertificateSource | None = None,
    clock: Callable[[], float] = time.time,
) -> PushAuthenticating:
    """Settings:

    - ``PUSH_AUTH_AUDIENCE``: comma list of accepted ``aud`` values (required when enabled).
    - ``PUSH_AUTH_ALLOWED_EMAILS``: comma list of push service accounts (required when enabled).
    - ``PUSH_AUTH_DISABLED``: ``true`` only next to the local emulator, which sends no token.

    Raises InsecureConfiguration when auth is disabled on Cloud Run (``K_SERVICE`` set) or
    enabled without an audience or allowed emails. No network I/O happens here: certificates
    are fetched on the first request (from Google unless ``certificates`` is given).
    """
    if env_flag(environ, "PUSH_AUTH_DISABLED"):
        if on_cloud_run(environ):
            raise InsecureConfiguration("PUSH_AUTH_DISABLED is true on Cloud Run (K_SERVICE set)")
        return DisabledPushAuthenticator()
    audiences = env_list(environ, "PUSH_AUTH_AUDIENCE")
    allowed_emails = env_list(environ, "PUSH_AUTH_ALLOWED_EMAILS")
    missing = [
        name
        for name, value in (
            ("PUSH_AUTH_AUDIENCE", audiences),
            ("PUSH_AUTH_ALLOWED_EMAILS", allowed_emails),
        )
        if not value
    ]
    if missing:
        raise InsecureConfiguration(f"push auth is enabled but {', '.join(missing)} is not set")
    from pipeline_kit.auth.http_certificate_source import GOOGLE_OAUTH2_CERTS_URL, HttpCertificateSource
    from pipeline_kit.auth.jwt_verifier import JwtVerifier

    verifier = JwtVerifier(
        certificates or HttpCertificateSource(GOOGLE_OAUTH2_CERTS_URL),
        issuers=GOOGLE_ISSUERS,
        audiences=audiences,
        clock=clock,
    )
    return PushAuthenticator(verifier, allowed_emails)
