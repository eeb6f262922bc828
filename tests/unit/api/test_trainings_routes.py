"""The trainings routes on in-memory dependencies: 202 answers, ownership, idempotency."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
from wild_workouts.contracts.trainings_events import TrainingCanceled, TrainingScheduleRequested
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.domain.training_status import TrainingStatus

pytestmark = pytest.mark.unit
HOUR = "2026-12-03T13:00:00Z"


def _scheduled(world: InMemoryWorld, training_id: str, user_id: str, hour: datetime) -> None:
    training, _ = Training.request(training_id, user_id, user_id.title(), hour, "", world.clock.now())
    training.status = TrainingStatus.SCHEDULED
    training.hour_reserved = training.balance_debited = True
    world.trainings.save(training)


def test_booking_answers_202_pending_with_ids_and_stores_the_request(
    client: CheckedClient, world: InMemoryWorld
) -> None:
    response = client.call(
        "POST",
        "/trainings",
        world.token("a1", "attendee", "Ann"),
        json={"hour": HOUR, "notes": "legs"},
        headers={"X-Correlation-Id": "corr-1"},
    )
    assert response.status_code == 202
    body = response.json
    assert body["status"] == "pending"
    assert body["correlation_id"] == "corr-1" == response.headers["X-Correlation-Id"]
    stored = world.trainings.get(body["training_id"])
    assert (stored.user_id, stored.user_name, stored.notes) == ("a1", "Ann", "legs")
    assert isinstance(world.published[-1], TrainingScheduleRequested)


def test_the_same_idempotency_key_books_once(client: CheckedClient, world: InMemoryWorld) -> None:
    token = world.token("a1", "attendee")
    answers = [
        client.call("POST", "/trainings", token, json={"hour": HOUR}, headers={"Idempotency-Key": "k-1"})
        for _ in range(2)
    ]
    assert [answer.status_code for answer in answers] == [202, 202]
    assert answers[0].json["training_id"] == answers[1].json["training_id"]
    assert len(world.published) == 1
    other = client.call(
        "POST", "/trainings", world.token("a2", "attendee"), json={"hour": HOUR}, headers={"Idempotency-Key": "k-1"}
    )
    assert other.json["training_id"] != answers[0].json["training_id"]


def test_booking_a_past_hour_is_422_with_the_rule(client: CheckedClient, world: InMemoryWorld) -> None:
    response = client.call("POST", "/trainings", world.token("a1", "attendee"), json={"hour": "2026-11-30T09:00:00Z"})
    assert response.status_code == 422
    assert response.json["code"] == "invalid_training_hour"


def test_another_attendees_training_does_not_exist_for_me(client: CheckedClient, world: InMemoryWorld) -> None:
    _scheduled(world, "t-1", "a1", datetime(2026, 12, 5, 13, tzinfo=UTC))
    intruder = world.token("a2", "attendee")
    for method, path, body in [
        ("GET", "/trainings/t-1", None),
        ("POST", "/trainings/t-1/cancel", None),
        ("POST", "/trainings/t-1/reschedule", {"hour": HOUR}),
        ("POST", "/trainings/t-1/reschedule-proposals", {"hour": HOUR}),
        ("POST", "/trainings/t-1/reschedule-proposals/approve", None),
        ("POST", "/trainings/t-1/reschedule-proposals/reject", None),
    ]:
        response = client.call(method, path, intruder, json=body)
        assert response.status_code == 404, (method, path)
        assert response.json["code"] == "training_not_found"
    unknown = client.call("GET", "/trainings/t-404", world.token("a1", "attendee"))
    assert unknown.status_code == 404
    assert world.trainings.get("t-1").status is TrainingStatus.SCHEDULED


def test_owner_and_trainer_read_the_training_strongly(client: CheckedClient, world: InMemoryWorld) -> None:
    _scheduled(world, "t-1", "a1", datetime(2026, 12, 5, 13, tzinfo=UTC))
    for token in (world.token("a1", "attendee"), world.token("t1", "trainer")):
        response = client.call("GET", "/trainings/t-1", token)
        assert response.status_code == 200
        assert response.json["status"] == "scheduled"
        assert response.json["hour"] == "2026-12-05T13:00:00Z"
        assert response.json["consistency"] == "strong"


@pytest.mark.parametrize(("role", "refund"), [("attendee", 0), ("trainer", 2)])
def test_a_late_cancel_answers_202_with_the_refund_rule(
    client: CheckedClient, world: InMemoryWorld, role: str, refund: int
) -> None:
    _scheduled(world, "t-1", "a1", datetime(2026, 11, 30, 20, tzinfo=UTC))  # in under 24 h
    token = world.token("a1" if role == "attendee" else "t1", role)
    response = client.call("POST", "/trainings/t-1/cancel", token)
    assert response.status_code == 202
    assert response.json["refund"] == refund
    assert response.json["status"] == "canceled"
    assert isinstance(world.published[-1], TrainingCanceled)
    again = client.call("POST", "/trainings/t-1/cancel", token)
    assert again.status_code == 409
    assert again.json["code"] == "training_not_scheduled"


def test_an_early_cancel_is_free(client: CheckedClient, world: InMemoryWorld) -> None:
    _scheduled(world, "t-1", "a1", datetime(2026, 12, 5, 13, tzinfo=UTC))
    response = client.call("POST", "/trainings/t-1/cancel", world.token("a1", "attendee"))
    assert response.json["refund"] == 1


def test_propose_then_the_other_side_approves(client: CheckedClient, world: InMemoryWorld) -> None:
    _scheduled(world, "t-1", "a1", datetime(2026, 12, 5, 13, tzinfo=UTC))
    attendee, trainer = world.token("a1", "attendee"), world.token("t1", "trainer")
    proposed = client.call(
        "POST", "/trainings/t-1/reschedule-proposals", trainer, json={"hour": "2026-12-06T14:00:00Z"}
    )
    assert (proposed.status_code, proposed.json["status"]) == (202, "reschedule_proposed")
    own = client.call("POST", "/trainings/t-1/reschedule-proposals/approve", trainer)
    assert own.status_code == 409
    approved = client.call("POST", "/trainings/t-1/reschedule-proposals/approve", attendee)
    assert (approved.status_code, approved.json["status"]) == (202, "reschedule_requested")
    shown = client.call("GET", "/trainings/t-1", attendee).json
    assert shown["pending_reschedule"] == {"hour": "2026-12-06T14:00:00Z", "requested_by": "attendee"}


def test_the_list_comes_from_the_read_model_per_caller(client: CheckedClient, world: InMemoryWorld) -> None:
    for training_id, user_id, day in (("t-2", "a1", 6), ("t-1", "a1", 5), ("t-3", "a2", 4)):
        hour = datetime(2026, 12, day, 13, tzinfo=UTC)
        world.views.put(TrainingView(training_id, user_id, user_id, hour, "", "scheduled"))
    mine = client.call("GET", "/trainings", world.token("a1", "attendee"))
    assert mine.headers["X-Consistency"] == "eventual"
    assert [item["training_id"] for item in mine.json["trainings"]] == ["t-1", "t-2"]
    everything = client.call("GET", "/trainings", world.token("t1", "trainer"))
    assert [item["training_id"] for item in everything.json["trainings"]] == ["t-3", "t-1", "t-2"]
