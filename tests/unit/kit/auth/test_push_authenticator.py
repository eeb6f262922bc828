"""PushAuthenticator: 401 for missing or untrusted tokens, 403 for the wrong caller."""

from typing import Any

import pytest

from pipeline_kit.auth.access_denied import AccessDenied, Forbidden, Unauthenticated
from pipeline_kit.auth.certificate_source import StaticCertificateSource
from pipeline_kit.auth.jwt_verifier import JwtVerifier
from pipeline_kit.auth.push_authenticator import GOOGLE_ISSUERS, PushAuthenticator, PushCaller
from tests.unit.kit.auth.conftest import (
    AUDIENCE,
    KEY_ID,
    NOW,
    PUSH_EMAIL,
    SigningKey,
    push_claims,
    unsigned_token,
)

pytestmark = pytest.mark.unit


def _authenticator(key: SigningKey) -> PushAuthenticator:
    verifier = JwtVerifier(
        StaticCertificateSource({KEY_ID: key.public_pem}),
        issuers=GOOGLE_ISSUERS,
        audiences=[AUDIENCE],
        clock=lambda: NOW,
    )
    return PushAuthenticator(verifier, allowed_emails=[PUSH_EMAIL])


def test_good_token_authenticates_the_push_service_account(google_key: SigningKey) -> None:
    caller = _authenticator(google_key).authenticate(f"Bearer {google_key.sign(push_claims())}")

    assert caller == PushCaller(email=PUSH_EMAIL, subject="1234567890", anonymous=False)


def test_bearer_scheme_is_case_insensitive(google_key: SigningKey) -> None:
    caller = _authenticator(google_key).authenticate(f"bearer {google_key.sign(push_claims())}")

    assert caller.email == PUSH_EMAIL


def _header_for(google_key: SigningKey, attacker_key: SigningKey, case: str) -> str | None:
    token = google_key.sign(push_claims())
    headers: dict[str, str | None] = {
        "no header": None,
        "empty header": "",
        "blank header": "   ",
        "basic scheme": "Basic dXNlcjpwYXNz",
        "bearer without token": "Bearer",
        "bearer with two tokens": f"Bearer {token} {token}",
        "token without scheme": token,
        "alg none": "Bearer " + unsigned_token({"alg": "none", "kid": KEY_ID}, push_claims(), b"sig"),
        "signed by another key": f"Bearer {attacker_key.sign(push_claims())}",
        "wrong audience": f"Bearer {google_key.sign(push_claims(aud='https://elsewhere'))}",
        "wrong issuer": f"Bearer {google_key.sign(push_claims(iss='https://evil'))}",
        "expired": f"Bearer {google_key.sign(push_claims(iat=NOW - 7200, exp=NOW - 3600))}",
        "from the future": f"Bearer {google_key.sign(push_claims(iat=NOW + 600))}",
        "malformed": "Bearer not.a.jwt",
        "unknown kid": f"Bearer {google_key.sign(push_claims(), kid='other')}",
        "wrong email": f"Bearer {google_key.sign(push_claims(email='someone@example.com'))}",
        "no email": f"Bearer {google_key.sign(push_claims(email=None))}",
        "email not verified": f"Bearer {google_key.sign(push_claims(email_verified=False))}",
        "email_verified a string": "Bearer " + google_key.sign(push_claims(email_verified="true")),
        "email_verified missing": f"Bearer {google_key.sign(push_claims(email_verified=None))}",
    }
    return headers[case]


REFUSALS: list[tuple[str, type[AccessDenied], str]] = [
    ("no header", Unauthenticated, "missing_token"),
    ("empty header", Unauthenticated, "missing_token"),
    ("blank header", Unauthenticated, "missing_token"),
    ("basic scheme", Unauthenticated, "not_bearer"),
    ("bearer without token", Unauthenticated, "not_bearer"),
    ("bearer with two tokens", Unauthenticated, "not_bearer"),
    ("token without scheme", Unauthenticated, "not_bearer"),
    ("alg none", Unauthenticated, "unsupported_algorithm"),
    ("signed by another key", Unauthenticated, "bad_signature"),
    ("wrong audience", Unauthenticated, "wrong_audience"),
    ("wrong issuer", Unauthenticated, "wrong_issuer"),
    ("expired", Unauthenticated, "expired"),
    ("from the future", Unauthenticated, "not_yet_valid"),
    ("malformed", Unauthenticated, "malformed"),
    ("unknown kid", Unauthenticated, "unknown_key"),
    ("wrong email", Forbidden, "email_not_allowed"),
    ("no email", Forbidden, "email_not_allowed"),
    ("email not verified", Forbidden, "email_not_verified"),
    ("email_verified a string", Forbidden, "email_not_verified"),
    ("email_verified missing", Forbidden, "email_not_verified"),
]


@pytest.mark.parametrize(("case", "refusal", "reason"), REFUSALS, ids=[case[0] for case in REFUSALS])
def test_refused_with_the_right_status_and_reason(
    google_key: SigningKey,
    attacker_key: SigningKey,
    case: str,
    refusal: type[AccessDenied],
    reason: str,
) -> None:
    header = _header_for(google_key, attacker_key, case)

    with pytest.raises(AccessDenied) as raised:
        _authenticator(google_key).authenticate(header)

    assert type(raised.value) is refusal
    assert raised.value.reason == reason
    assert raised.value.http_status == (401 if refusal is Unauthenticated else 403)


def test_allowed_emails_compare_case_insensitively(google_key: SigningKey) -> None:
    token = google_key.sign(push_claims(email=PUSH_EMAIL.upper()))

    assert _authenticator(google_key).authenticate(f"Bearer {token}").email == PUSH_EMAIL.upper()


def test_an_authenticator_needs_allowed_emails(google_key: SigningKey) -> None:
    verifier: Any = object()
    with pytest.raises(ValueError, match="allowed email"):
        PushAuthenticator(verifier, allowed_emails=[])
