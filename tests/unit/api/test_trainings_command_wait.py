"""Trainings commands: ``Location`` always; ``Prefer: wait=N`` waits (fake clock) for the saga."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.domain.training_status import TrainingStatus

pytestmark = pytest.mark.unit
HOUR = "2026-12-03T13:00:00Z"
IN_A_WEEK = datetime(2026, 12, 7, 13, tzinfo=UTC)


def _book(client: CheckedClient, world: InMemoryWorld, prefer: str | None = None) -> object:
    headers = {"X-Correlation-Id": "c-1", **({"Prefer": prefer} if prefer is not None else {})}
    return client.call("POST", "/trainings", world.token("a1", "attendee"), json={"hour": HOUR}, headers=headers)


def _settle_after(world: InMemoryWorld, sleeps: int, settle: str = "scheduled") -> None:
    """After the ``sleeps``-th sleep the saga answers (as the consumers would meanwhile)."""

    def on_sleep(count: int) -> None:
        if count != sleeps:
            return
        (training_id,) = world.trainings.items
        training = world.trainings.get(training_id)
        if settle == "scheduled":
            training.record_hour_reserved(training.hour)
            training.record_balance_debited()
        else:
            training.record_balance_debit_rejected("training balance is 0", RejectionCode.INSUFFICIENT_BALANCE)
        world.trainings.save(training)

    world.wait_clock.on_sleep = on_sleep


def test_without_prefer_the_answer_is_202_with_the_location(client: CheckedClient, world: InMemoryWorld) -> None:
    response = _book(client, world)
    assert response.status_code == 202  # type: ignore[attr-defined]
    training_id = response.json["training_id"]  # type: ignore[attr-defined]
    assert response.headers["Location"] == f"/trainings/{training_id}"  # type: ignore[attr-defined]
    assert "Preference-Applied" not in response.headers  # type: ignore[attr-defined]
    assert world.wait_clock.sleeps == []


def test_a_saga_settling_in_time_answers_200_with_the_training_early(
    client: CheckedClient, world: InMemoryWorld
) -> None:
    _settle_after(world, sleeps=3)
    response = _book(client, world, "respond-async, wait=5")
    assert response.status_code == 200  # type: ignore[attr-defined]
    body = response.json  # type: ignore[attr-defined]
    assert (body["status"], body["consistency"], body["correlation_id"]) == ("scheduled", "strong", "c-1")
    assert body["rejection"] is None
    assert response.headers["Preference-Applied"] == "wait=5"  # type: ignore[attr-defined]
    assert response.headers["Location"] == f"/trainings/{body['training_id']}"  # type: ignore[attr-defined]
    assert len(world.wait_clock.sleeps) == 3
    assert sum(world.wait_clock.sleeps) < 1, "the wait ends when the saga settles, not at the deadline"


def test_a_rejection_settles_too_and_carries_its_code(client: CheckedClient, world: InMemoryWorld) -> None:
    _settle_after(world, sleeps=1, settle="rejected")
    body = _book(client, world, "wait=5").json  # type: ignore[attr-defined]
    assert body["status"] == "rejected"
    assert body["rejection"] == {
        "code": "insufficient_balance",
        "message": "You have no trainings left on your balance.",
    }
    assert body["rejection_reason"] == "training balance is 0"


def test_a_saga_that_never_settles_answers_202_at_the_deadline(client: CheckedClient, world: InMemoryWorld) -> None:
    response = _book(client, world, "wait=3")
    assert response.status_code == 202  # type: ignore[attr-defined]
    assert set(response.json) == {"training_id", "correlation_id", "status"}  # type: ignore[attr-defined]
    assert response.headers["Location"].startswith("/trainings/")  # type: ignore[attr-defined]
    assert sum(world.wait_clock.sleeps) == pytest.approx(3.0)
    assert max(world.wait_clock.sleeps) == pytest.approx(0.5)


def test_the_wait_is_capped_at_ten_seconds(client: CheckedClient, world: InMemoryWorld) -> None:
    _book(client, world, "wait=3600")
    assert sum(world.wait_clock.sleeps) == pytest.approx(10.0)
    world.trainings.items.clear()
    world.wait_clock.sleeps.clear()
    _settle_after(world, sleeps=1)
    assert _book(client, world, "wait=3600").headers["Preference-Applied"] == "wait=10"  # type: ignore[attr-defined]


@pytest.mark.parametrize("prefer", ["wait=soon", "wait=-1", "wait=1.5", "wait", "return=minimal"])
def test_a_bad_or_other_preference_is_ignored(client: CheckedClient, world: InMemoryWorld, prefer: str) -> None:
    response = _book(client, world, prefer)
    assert response.status_code == 202  # type: ignore[attr-defined]
    assert world.wait_clock.sleeps == []


def _scheduled(world: InMemoryWorld, hour: datetime = IN_A_WEEK) -> None:
    training, _ = Training.request("t-1", "a1", "A1", hour, "", world.clock.now())
    training.status = TrainingStatus.SCHEDULED
    training.hour_reserved = training.balance_debited = True
    world.trainings.save(training)


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/trainings/t-1/cancel", None, "canceled"),
        ("/trainings/t-1/reschedule-proposals", {"hour": "2026-12-08T14:00:00Z"}, "scheduled"),
    ],
)
def test_commands_that_settle_at_once_answer_200_without_sleeping(
    client: CheckedClient, world: InMemoryWorld, path: str, body: object, status: str
) -> None:
    _scheduled(world)
    response = client.call("POST", path, world.token("a1", "attendee"), json=body, headers={"Prefer": "wait=5"})
    assert response.status_code == 200
    assert response.json["status"] == status
    assert response.headers["Location"] == "/trainings/t-1"
    assert world.wait_clock.sleeps == []


def test_a_reschedule_waits_until_the_move_is_answered(client: CheckedClient, world: InMemoryWorld) -> None:
    _scheduled(world)
    new_hour = datetime(2026, 12, 8, 14, tzinfo=UTC)

    def on_sleep(count: int) -> None:
        if count == 2:
            training = world.trainings.get("t-1")
            training.record_hour_reservation_rejected(
                new_hour, "hour is not_available", RejectionCode.HOUR_NOT_AVAILABLE
            )
            world.trainings.save(training)

    world.wait_clock.on_sleep = on_sleep
    response = client.call(
        "POST",
        "/trainings/t-1/reschedule",
        world.token("a1", "attendee"),
        json={"hour": "2026-12-08T14:00:00Z"},
        headers={"Prefer": "wait=2"},
    )
    assert response.status_code == 200
    assert response.json["pending_reschedule"] is None
    assert response.json["hour"] == "2026-12-07T13:00:00Z"
    assert response.json["reschedule_failure"] == {
        "code": "hour_not_available",
        "message": "The hour was just taken by someone else or is no longer open.",
    }


def test_every_command_answers_with_the_location(client: CheckedClient, world: InMemoryWorld) -> None:
    _scheduled(world)
    attendee, trainer = world.token("a1", "attendee"), world.token("t1", "trainer")
    later = {"hour": "2026-12-08T14:00:00Z"}
    proposals = "/trainings/t-1/reschedule-proposals"
    for path, token, body in [
        (proposals, trainer, later),
        (f"{proposals}/reject", attendee, None),
        (proposals, trainer, later),
        (f"{proposals}/approve", attendee, None),
    ]:
        response = client.call("POST", path, token, json=body)
        assert (response.status_code, response.headers["Location"]) == (202, "/trainings/t-1"), path


def test_the_list_shows_rejection_codes_with_member_messages(client: CheckedClient, world: InMemoryWorld) -> None:
    hour = datetime(2026, 12, 5, 13, tzinfo=UTC)
    world.views.put(TrainingView("t-1", "a1", "A", hour, "", "rejected", "hour taken", rejection_code="hour_in_past"))
    world.views.put(TrainingView("t-2", "a1", "A", hour, "", "rejected", "training t-2 is already closed (x)"))
    world.views.put(TrainingView("t-3", "a1", "A", hour, "", "scheduled", last_reschedule_failure="odd reason"))
    rows = {
        row["training_id"]: row
        for row in client.call("GET", "/trainings", world.token("a1", "attendee")).json["trainings"]
    }
    assert rows["t-1"]["rejection"] == {"code": "hour_in_past", "message": "The hour has already started or passed."}
    assert rows["t-2"]["rejection"] == {"code": "training_closed", "message": "The training was already closed."}
    assert rows["t-3"]["rejection"] is None
    assert rows["t-3"]["reschedule_failure"]["code"] == "unknown"


def test_with_every_wait_slot_taken_the_command_answers_202_at_once_without_preference_applied(
    client: CheckedClient, world: InMemoryWorld
) -> None:
    _settle_after(world, sleeps=1)  # it would settle at the first re-read, were the wait taken
    held = world.wait_slots.try_acquire()
    assert held is not None
    with held:
        response = _book(client, world, "wait=5")
    assert response.status_code == 202  # type: ignore[attr-defined]
    training_id = response.json["training_id"]  # type: ignore[attr-defined]
    assert response.json == {"training_id": training_id, "correlation_id": "c-1", "status": "pending"}  # type: ignore[attr-defined]
    assert response.headers["Location"] == f"/trainings/{training_id}"  # type: ignore[attr-defined]
    assert "Preference-Applied" not in response.headers  # type: ignore[attr-defined]
    assert world.wait_clock.sleeps == [], "a declined wait does not read again or sleep"


def test_a_command_that_settles_at_once_is_declined_too_when_the_slots_are_taken(
    client: CheckedClient, world: InMemoryWorld
) -> None:
    _scheduled(world)
    held = world.wait_slots.try_acquire()
    assert held is not None
    with held:
        response = client.call(
            "POST", "/trainings/t-1/cancel", world.token("a1", "attendee"), headers={"Prefer": "wait=5"}
        )
    assert (response.status_code, response.json["status"]) == (202, "canceled")
    assert "Preference-Applied" not in response.headers


def test_the_slot_is_given_back_after_a_wait_so_the_next_command_waits(
    client: CheckedClient, world: InMemoryWorld
) -> None:
    assert _book(client, world, "wait=1").status_code == 202  # type: ignore[attr-defined]
    assert world.wait_slots.taken == 0
    world.trainings.items.clear()
    _settle_after(world, sleeps=len(world.wait_clock.sleeps) + 1)
    response = _book(client, world, "wait=1")
    assert (response.status_code, response.headers["Preference-Applied"]) == (200, "wait=1")  # type: ignore[attr-defined]
    assert world.wait_slots.taken == 0


def test_the_slot_is_given_back_when_the_wait_fails(client: CheckedClient, world: InMemoryWorld) -> None:
    def fail(count: int) -> None:
        world.failure = RuntimeError("the store went away during the wait")

    world.wait_clock.on_sleep = fail
    response = _book(client, world, "wait=5")
    assert response.status_code == 500  # type: ignore[attr-defined]
    assert world.wait_slots.taken == 0
