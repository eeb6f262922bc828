"""Authentication: OIDC tokens on Pub/Sub push, Firebase (or development) ID tokens on the API.

Everything here is cheap to import: ``cryptography`` and ``requests`` load on first use.
"""

from pipeline_kit.auth.access_denied import AccessDenied, Forbidden, Unauthenticated
from pipeline_kit.auth.api_token_verifier_from_env import api_token_verifier_from_env
from pipeline_kit.auth.bearer_token import bearer_token
from pipeline_kit.auth.certificate_source import CertificateSource, StaticCertificateSource
from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer, dev_issuer
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
from pipeline_kit.auth.push_authenticator import (
    ANONYMOUS_LOCAL_CALLER,
    GOOGLE_ISSUERS,
    DisabledPushAuthenticator,
    PushAuthenticating,
    PushAuthenticator,
    PushCaller,
)
from pipeline_kit.auth.push_authenticator_from_env import push_authenticator_from_env

__all__ = [
    "ANONYMOUS_LOCAL_CALLER",
    "FIREBASE_CERTS_URL",
    "GOOGLE_ISSUERS",
    "GOOGLE_OAUTH2_CERTS_URL",
    "AccessDenied",
    "ApiCaller",
    "CertificateFetch",
    "CertificateSource",
    "CertificatesUnavailable",
    "DevTokenIssuer",
    "DisabledPushAuthenticator",
    "FetchedCertificates",
    "FirebaseIdTokenVerifier",
    "Forbidden",
    "HttpCertificateSource",
    "InsecureConfiguration",
    "InvalidToken",
    "JwtVerifier",
    "PushAuthenticating",
    "PushAuthenticator",
    "PushCaller",
    "StaticCertificateSource",
    "TokenRejection",
    "Unauthenticated",
    "api_token_verifier_from_env",
    "bearer_token",
    "dev_issuer",
    "firebase_issuer",
    "push_authenticator_from_env",
]
