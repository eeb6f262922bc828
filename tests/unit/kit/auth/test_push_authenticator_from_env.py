"""push_authenticator_from_env: secure by default, refuses to start when misconfigured."""

import pytest

from pipeline_kit.auth.access_denied import Unauthenticated
from pipeline_kit.auth.certificate_source import StaticCertificateSource
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from pipeline_kit.auth.push_authenticator import ANONYMOUS_LOCAL_CALLER, DisabledPushAuthenticator, PushAuthenticator
from tests.unit.kit.auth.conftest import AUDIENCE, KEY_ID, NOW, PUSH_EMAIL, SigningKey, push_claims
from tests.unit.kit.auth.from_environment import push_authenticator_from_env
from wild_workouts.settings import InvalidSetting

pytestmark = pytest.mark.unit

ENABLED = {"PUSH_AUTH_AUDIENCE": AUDIENCE, "PUSH_AUTH_ALLOWED_EMAILS": PUSH_EMAIL}


def test_enabled_authenticator_checks_tokens(google_key: SigningKey) -> None:
    authenticator = push_authenticator_from_env(
        {**ENABLED, "K_SERVICE": "trainer"},
        certificates=StaticCertificateSource({KEY_ID: google_key.public_pem}),
        clock=lambda: NOW,
    )

    assert isinstance(authenticator, PushAuthenticator)
    assert authenticator.authenticate(f"Bearer {google_key.sign(push_claims())}").email == (PUSH_EMAIL)
    with pytest.raises(Unauthenticated, match="missing_token"):
        authenticator.authenticate(None)


def test_comma_lists_are_split_and_trimmed(google_key: SigningKey) -> None:
    authenticator = push_authenticator_from_env(
        {
            "PUSH_AUTH_AUDIENCE": f" https://other , {AUDIENCE} ",
            "PUSH_AUTH_ALLOWED_EMAILS": f"a@example.com, {PUSH_EMAIL}",
        },
        certificates=StaticCertificateSource({KEY_ID: google_key.public_pem}),
        clock=lambda: NOW,
    )

    assert authenticator.authenticate(f"Bearer {google_key.sign(push_claims())}").email == (PUSH_EMAIL)


@pytest.mark.parametrize("value", ["true", "TRUE", " True "])
def test_disabled_locally_accepts_anonymous_push(value: str) -> None:
    authenticator = push_authenticator_from_env({"PUSH_AUTH_DISABLED": value})

    assert isinstance(authenticator, DisabledPushAuthenticator)
    assert authenticator.authenticate(None) == ANONYMOUS_LOCAL_CALLER
    assert ANONYMOUS_LOCAL_CALLER.anonymous


def test_disabled_on_cloud_run_refuses_to_start() -> None:
    with pytest.raises(InsecureConfiguration, match="K_SERVICE"):
        push_authenticator_from_env({**ENABLED, "PUSH_AUTH_DISABLED": "true", "K_SERVICE": "x"})


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({}, "PUSH_AUTH_AUDIENCE, PUSH_AUTH_ALLOWED_EMAILS"),
        ({"PUSH_AUTH_DISABLED": "false"}, "PUSH_AUTH_AUDIENCE, PUSH_AUTH_ALLOWED_EMAILS"),
        ({"PUSH_AUTH_AUDIENCE": AUDIENCE}, "PUSH_AUTH_ALLOWED_EMAILS"),
        ({"PUSH_AUTH_ALLOWED_EMAILS": PUSH_EMAIL}, "PUSH_AUTH_AUDIENCE"),
        ({"PUSH_AUTH_AUDIENCE": " , ", "PUSH_AUTH_ALLOWED_EMAILS": PUSH_EMAIL}, "AUDIENCE"),
    ],
)
def test_enabled_without_audience_or_emails_refuses_to_start(environ: dict[str, str], missing: str) -> None:
    with pytest.raises(InsecureConfiguration, match=missing):
        push_authenticator_from_env(environ)


@pytest.mark.parametrize("value", ["1", "yes", "on", "disabled"])
def test_ambiguous_flag_refuses_to_start(value: str) -> None:
    with pytest.raises(InvalidSetting, match="PUSH_AUTH_DISABLED"):
        push_authenticator_from_env({**ENABLED, "PUSH_AUTH_DISABLED": value})


def test_default_certificates_come_from_google_without_fetching_at_start() -> None:
    authenticator = push_authenticator_from_env(ENABLED)

    assert isinstance(authenticator, PushAuthenticator)
