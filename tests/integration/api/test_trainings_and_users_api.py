"""Trainings and users routes on the real Firestore and Pub/Sub emulators."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.api.conftest import ApiClient
from tests.integration.api.dev_token import mint_dev_token
from tests.integration.api.event_tap import pull_envelopes

pytestmark = pytest.mark.integration


def _hour(days: int = 3, hour: int = 14) -> str:
    return f"{(datetime.now(UTC) + timedelta(days=days)).date().isoformat()}T{hour:02d}:00:00Z"


def test_booking_is_accepted_stored_pending_and_published_with_the_correlation_id(api: ApiClient, unique: str) -> None:
    attendee = mint_dev_token(f"ann-{unique}", "attendee", "Ann")
    response = api.call(
        "POST",
        "/trainings",
        attendee,
        json={"hour": _hour(), "notes": "back"},
        headers={"X-Correlation-Id": f"corr-{unique}", "Idempotency-Key": "first"},
    )
    assert response.status_code == 202
    training_id = response.json["training_id"]
    assert response.json == {"training_id": training_id, "correlation_id": f"corr-{unique}", "status": "pending"}

    again = api.call("POST", "/trainings", attendee, json={"hour": _hour()}, headers={"Idempotency-Key": "first"})
    assert again.json["training_id"] == training_id

    shown = api.call("GET", f"/trainings/{training_id}", attendee)
    assert shown.status_code == 200
    assert (shown.json["status"], shown.json["notes"], shown.json["user_name"]) == ("pending", "back", "Ann")
    assert shown.json["hour"] == _hour()

    envelopes = pull_envelopes(api.subscriptions["trainings"], expected=1)
    assert [(item["type"], item["aggregate_id"], item["correlation_id"]) for item in envelopes] == [
        ("TrainingScheduleRequested", training_id, f"corr-{unique}")
    ]


def test_another_attendee_gets_404_and_the_trainer_sees_it(api: ApiClient, unique: str) -> None:
    owner = mint_dev_token(f"own-{unique}", "attendee", "Owner")
    training_id = api.call("POST", "/trainings", owner, json={"hour": _hour(4)}).json["training_id"]
    intruder = mint_dev_token(f"bob-{unique}", "attendee", "Bob")
    assert api.call("GET", f"/trainings/{training_id}", intruder).status_code == 404
    assert api.call("POST", f"/trainings/{training_id}/cancel", intruder).status_code == 404
    trainer = mint_dev_token("trainer-1", "trainer", "Tina")
    assert api.call("GET", f"/trainings/{training_id}", trainer).status_code == 200
    pending_cancel = api.call("POST", f"/trainings/{training_id}/cancel", trainer)
    assert pending_cancel.status_code == 409


def test_grants_are_admin_only_and_show_in_the_balance(api: ApiClient, unique: str) -> None:
    user_id = f"gina-{unique}"
    attendee = mint_dev_token(user_id, "attendee", "Gina")
    trainer = mint_dev_token("trainer-1", "trainer", "Tina")
    admin = mint_dev_token("boss", "admin", "Boss")
    assert api.call("POST", f"/users/{user_id}/grants", trainer, json={"amount": 2}).status_code == 403
    granted = api.call("POST", f"/users/{user_id}/grants", admin, json={"amount": 2})
    assert granted.status_code == 200
    assert granted.json["balance"] == 2
    assert api.call("GET", "/users/me/balance", attendee).json == {"user_id": user_id, "balance": 2}
    assert api.call("GET", f"/users/{user_id}/balance", trainer).json["balance"] == 2
    envelopes = pull_envelopes(api.subscriptions["users"], expected=1)
    assert [item["type"] for item in envelopes] == ["TrainingsGranted"]


def test_the_list_is_empty_until_the_read_model_catches_up(api: ApiClient, unique: str) -> None:
    attendee = mint_dev_token(f"lia-{unique}", "attendee", "Lia")
    api.call("POST", "/trainings", attendee, json={"hour": _hour(5)})
    response = api.call("GET", "/trainings", attendee)
    assert response.status_code == 200
    assert response.json == {"consistency": "eventual", "trainings": []}
