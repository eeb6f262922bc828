"""Authentication: OIDC tokens on Pub/Sub push, Firebase ID tokens on the API (locally also the
development issuer's and the Authentication emulator's).

Importing the package loads almost nothing: each name below loads its own module on first access
(PEP 562), so a push consumer with auth disabled never loads the JWT code, and no service
loads the development issuer or the Firebase verifier it does not use. ``cryptography`` and
``requests`` load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline_kit.auth.access_denied import AccessDenied, Forbidden, Unauthenticated
    from pipeline_kit.auth.api_token_verifier import ApiTokenVerifier
    from pipeline_kit.auth.certificate_source import CertificateSource, StaticCertificateSource
    from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer, dev_issuer
    from pipeline_kit.auth.emulator_id_token_verifier import EmulatorIdTokenVerifier
    from pipeline_kit.auth.firebase_id_token_verifier import (
        ApiCaller,
        FirebaseIdTokenVerifier,
        firebase_issuer,
    )
    from pipeline_kit.auth.http_certificate_source import (
        FIREBASE_CERTS_URL,
        GOOGLE_OAUTH2_CERTS_URL,
        CertificateFetch,
        CertificatesUnavailable,
        FetchedCertificates,
        HttpCertificateSource,
    )
    from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
    from pipeline_kit.auth.invalid_token import InvalidToken, TokenRejection
    from pipeline_kit.auth.jwt_verifier import JwtVerifier
    from pipeline_kit.auth.local_sign_in_verifier import LocalSignInVerifier
    from pipeline_kit.auth.push_authenticator import (
        ANONYMOUS_LOCAL_CALLER,
        GOOGLE_ISSUERS,
        DisabledPushAuthenticator,
        PushAuthenticating,
        PushAuthenticator,
        PushCaller,
    )

_MODULE_OF: dict[str, str] = {
    "AccessDenied": "pipeline_kit.auth.access_denied",
    "Forbidden": "pipeline_kit.auth.access_denied",
    "Unauthenticated": "pipeline_kit.auth.access_denied",
    "ApiTokenVerifier": "pipeline_kit.auth.api_token_verifier",
    "CertificateSource": "pipeline_kit.auth.certificate_source",
    "StaticCertificateSource": "pipeline_kit.auth.certificate_source",
    "DevTokenIssuer": "pipeline_kit.auth.dev_token_issuer",
    "dev_issuer": "pipeline_kit.auth.dev_token_issuer",
    "EmulatorIdTokenVerifier": "pipeline_kit.auth.emulator_id_token_verifier",
    "ApiCaller": "pipeline_kit.auth.firebase_id_token_verifier",
    "FirebaseIdTokenVerifier": "pipeline_kit.auth.firebase_id_token_verifier",
    "firebase_issuer": "pipeline_kit.auth.firebase_id_token_verifier",
    "FIREBASE_CERTS_URL": "pipeline_kit.auth.http_certificate_source",
    "GOOGLE_OAUTH2_CERTS_URL": "pipeline_kit.auth.http_certificate_source",
    "CertificateFetch": "pipeline_kit.auth.http_certificate_source",
    "CertificatesUnavailable": "pipeline_kit.auth.http_certificate_source",
    "FetchedCertificates": "pipeline_kit.auth.http_certificate_source",
    "HttpCertificateSource": "pipeline_kit.auth.http_certificate_source",
    "InsecureConfiguration": "pipeline_kit.auth.insecure_configuration",
    "InvalidToken": "pipeline_kit.auth.invalid_token",
    "TokenRejection": "pipeline_kit.auth.invalid_token",
    "JwtVerifier": "pipeline_kit.auth.jwt_verifier",
    "LocalSignInVerifier": "pipeline_kit.auth.local_sign_in_verifier",
    "ANONYMOUS_LOCAL_CALLER": "pipeline_kit.auth.push_authenticator",
    "GOOGLE_ISSUERS": "pipeline_kit.auth.push_authenticator",
    "DisabledPushAuthenticator": "pipeline_kit.auth.push_authenticator",
    "PushAuthenticating": "pipeline_kit.auth.push_authenticator",
    "PushAuthenticator": "pipeline_kit.auth.push_authenticator",
    "PushCaller": "pipeline_kit.auth.push_authenticator",
}


def __getattr__(name: str) -> Any:
    """Load the module that defines ``name`` on first access and remember the value."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "ANONYMOUS_LOCAL_CALLER",
    "FIREBASE_CERTS_URL",
    "GOOGLE_ISSUERS",
    "GOOGLE_OAUTH2_CERTS_URL",
    "AccessDenied",
    "ApiCaller",
    "ApiTokenVerifier",
    "CertificateFetch",
    "CertificateSource",
    "CertificatesUnavailable",
    "DevTokenIssuer",
    "DisabledPushAuthenticator",
    "EmulatorIdTokenVerifier",
    "FetchedCertificates",
    "FirebaseIdTokenVerifier",
    "Forbidden",
    "HttpCertificateSource",
    "InsecureConfiguration",
    "InvalidToken",
    "JwtVerifier",
    "LocalSignInVerifier",
    "PushAuthenticating",
    "PushAuthenticator",
    "PushCaller",
    "StaticCertificateSource",
    "TokenRejection",
    "Unauthenticated",
    "dev_issuer",
    "firebase_issuer",
]
