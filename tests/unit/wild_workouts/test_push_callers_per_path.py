"""In the monolith the path decides which accounts may call it: consumer A's push account is
refused (403) on consumer B's path and on the triggers' paths, and accepted on its own; a
per-function service (one list) accepts its one list on its one path."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask, request

import main
from pipeline_kit.auth.certificate_source import StaticCertificateSource
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from tests.e2e.kit.push_bodies import wrapped_camel_case
from tests.e2e.kit.push_tokens import AUDIENCE, PushTokenSigner, push_claims
from wild_workouts import bootstrap

pytestmark = pytest.mark.unit

factory = importlib.import_module("pipeline_kit.auth.push_authenticator_factory")

CALENDAR = "trainer-calendar@p.iam.gserviceaccount.com"
ATTENDEE = "attendee-trainings@p.iam.gserviceaccount.com"
SWEEP_SCHEDULER = "sweep-scheduler@p.iam.gserviceaccount.com"
MONOLITH_ENV = {
    "PUSH_AUTH_AUDIENCE": AUDIENCE,
    "PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR": CALENDAR,
    "PUSH_AUTH_ALLOWED_EMAILS_ATTENDEE_TRAININGS": ATTENDEE,
    "PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER": SWEEP_SCHEDULER,
}


@pytest.fixture(scope="module")
def signer() -> PushTokenSigner:
    return PushTokenSigner.generate()


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, signer: PushTokenSigner) -> Iterator[pytest.MonkeyPatch]:
    """Push auth on, Google's keys replaced by the signer's; the process-wide caches emptied."""
    for name in ("PUSH_AUTH_DISABLED", "PUSH_AUTH_ALLOWED_EMAILS", "K_SERVICE"):
        monkeypatch.delenv(name, raising=False)
    keys = StaticCertificateSource({signer.kid: signer.public_pem})
    monkeypatch.setattr(factory, "_google_certificates", lambda: keys)
    bootstrap.reset()
    yield monkeypatch
    bootstrap.reset()


def _status(path: str, email: str, signer: PushTokenSigner) -> int:
    """The monolith's answer to a push of a redrive meant for someone else (ignored: no I/O)."""
    push = wrapped_camel_case(b"{}", {"redrive_target": "nobody"}, "m-1", "projects/p/subscriptions/s")
    headers = {**push.headers, "Authorization": f"Bearer {signer.sign(push_claims(email=email))}"}
    app = Flask(__name__)
    with app.test_request_context(path, method="POST", data=push.body, headers=headers):
        answer: Any = main.monolith(request)
        return int(app.make_response(answer).status_code)


def test_a_push_account_is_refused_on_another_consumers_path(
    environment: pytest.MonkeyPatch, signer: PushTokenSigner
) -> None:
    for name, value in MONOLITH_ENV.items():
        environment.setenv(name, value)

    assert _status("/push/attendee-trainings", CALENDAR, signer) == 403
    assert _status("/push/trainer-calendar", ATTENDEE, signer) == 403
    assert _status("/outbox_sweeper", CALENDAR, signer) == 403
    assert _status("/push/trainer-calendar", CALENDAR, signer) == 204
    assert _status("/push/attendee-trainings", ATTENDEE, signer) == 204


def test_a_path_without_its_own_list_in_a_service_with_per_path_lists_accepts_nobody(
    environment: pytest.MonkeyPatch, signer: PushTokenSigner
) -> None:
    """No fallback to another path's list: a consumer Terraform forgot is refused to start its
    authenticator (answered as an error), never opened to every push account."""
    for name, value in MONOLITH_ENV.items():
        environment.setenv(name, value)

    with pytest.raises(InsecureConfiguration, match="PUSH_AUTH_ALLOWED_EMAILS_USERS_ON_TRAININGS"):
        _status("/push/users-on-trainings", CALENDAR, signer)


def test_a_per_function_service_has_one_list(environment: pytest.MonkeyPatch, signer: PushTokenSigner) -> None:
    environment.setenv("PUSH_AUTH_AUDIENCE", AUDIENCE)
    environment.setenv("PUSH_AUTH_ALLOWED_EMAILS", CALENDAR)
    app = Flask(__name__)
    push = wrapped_camel_case(b"{}", {"redrive_target": "nobody"}, "m-1", "projects/p/subscriptions/s")

    statuses = []
    for email in (CALENDAR, ATTENDEE):
        headers = {**push.headers, "Authorization": f"Bearer {signer.sign(push_claims(email=email))}"}
        with app.test_request_context("/", method="POST", data=push.body, headers=headers):
            statuses.append(int(app.make_response(main.trainer_calendar(request)).status_code))

    assert statuses == [204, 403]
