"""push_authenticator_from_env with a scope: a scope's own list (``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>``)
alone decides when present, the service's one list otherwise, and never a fallback from an
empty own list."""

import pytest

from pipeline_kit.auth.access_denied import Forbidden
from pipeline_kit.auth.auth_settings import allowed_emails_variable
from pipeline_kit.auth.certificate_source import StaticCertificateSource
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from tests.unit.kit.auth.conftest import AUDIENCE, KEY_ID, NOW, PUSH_EMAIL, SigningKey, push_claims
from tests.unit.kit.auth.from_environment import push_authenticator_from_env

pytestmark = pytest.mark.unit

OTHER_EMAIL = "push-other@wild-workouts.iam.gserviceaccount.com"


def _email_of(environ: dict[str, str], scope: str | None, email: str, key: SigningKey) -> str:
    authenticator = push_authenticator_from_env(
        {"PUSH_AUTH_AUDIENCE": AUDIENCE, **environ},
        scope=scope,
        certificates=StaticCertificateSource({KEY_ID: key.public_pem}),
        clock=lambda: NOW,
    )
    return authenticator.authenticate(f"Bearer {key.sign(push_claims(email=email))}").email


@pytest.mark.parametrize(
    ("scope", "variable"),
    [
        ("trainer-calendar", "PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR"),
        ("outbox_sweeper", "PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER"),
    ],
)
def test_a_scopes_variable_is_named_after_it(scope: str, variable: str) -> None:
    assert allowed_emails_variable(scope) == variable


def test_a_scopes_own_list_alone_decides(google_key: SigningKey) -> None:
    environ = {"PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR": PUSH_EMAIL, "PUSH_AUTH_ALLOWED_EMAILS": OTHER_EMAIL}

    assert _email_of(environ, "trainer-calendar", PUSH_EMAIL, google_key) == PUSH_EMAIL
    with pytest.raises(Forbidden, match="email_not_allowed"):
        _email_of(environ, "trainer-calendar", OTHER_EMAIL, google_key)
    with pytest.raises(Forbidden, match="email_not_allowed"):
        _email_of(environ, "attendee-trainings", PUSH_EMAIL, google_key)  # the service's list: OTHER only


def test_a_scope_without_its_own_list_uses_the_services_one(google_key: SigningKey) -> None:
    environ = {"PUSH_AUTH_ALLOWED_EMAILS": PUSH_EMAIL}

    assert _email_of(environ, "trainer-calendar", PUSH_EMAIL, google_key) == PUSH_EMAIL
    assert _email_of(environ, None, PUSH_EMAIL, google_key) == PUSH_EMAIL


def test_an_empty_own_list_is_refused_not_replaced_by_the_services(google_key: SigningKey) -> None:
    environ = {"PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR": " ", "PUSH_AUTH_ALLOWED_EMAILS": PUSH_EMAIL}

    with pytest.raises(InsecureConfiguration, match="PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR is not set"):
        _email_of(environ, "trainer-calendar", PUSH_EMAIL, google_key)


def test_no_list_at_all_names_both_variables(google_key: SigningKey) -> None:
    with pytest.raises(
        InsecureConfiguration,
        match=r"PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR \(or PUSH_AUTH_ALLOWED_EMAILS\) is not set",
    ):
        _email_of({}, "trainer-calendar", PUSH_EMAIL, google_key)
