"""The API additions on the real Firestore emulator: ``Prefer: wait`` on commands, the bookable
hours, idempotent grants and rejection codes.

No consumers run here, so a saga never answers by itself: a test that wants it settled records
the answers through the trainings module's handlers from a thread, while the API waits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.api.conftest import ApiClient
from tests.integration.api.dev_token import mint_dev_token
from tests.integration.api.test_trainer_api import _project_trainer_events
from wild_workouts.contracts.trainer_events import HourReservationRejected, HourReserved
from wild_workouts.contracts.users_events import TrainingBalanceDebited
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork
from wild_workouts.trainings.entrypoints.training_ids import new_training_id

pytestmark = pytest.mark.integration


def _hour(days: int, hour: int = 14) -> datetime:
    return (datetime.now(UTC) + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _text(hour: datetime) -> str:
    return hour.strftime("%Y-%m-%dT%H:00:00Z")


def _record_later(delay: float, training_id: str, *answers: Callable[[TrainingsUnitOfWork], None]) -> threading.Thread:
    """Once the training is stored and ``delay`` passed, record saga answers through the real
    trainings handlers on Firestore (as the consumers would while the API waits)."""
    from pipeline_kit.http.wait_slots import WaitSlots
    from wild_workouts import bootstrap
    from wild_workouts.adapters_common.system_clock import SystemClock
    from wild_workouts.trainings.entrypoints.route_dependencies import firestore_trainings_route_dependencies

    deps = firestore_trainings_route_dependencies(
        SystemClock(), bootstrap.saga_timeout(bootstrap.settings()), bootstrap.event_emitter(), WaitSlots(0)
    )

    def run() -> None:
        deadline = time.monotonic() + 10
        while deps.trainings().get(training_id) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(delay)
        for answer in answers:
            deps.run_command(answer)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _reserved(hour: datetime, training_id: str) -> Callable[[TrainingsUnitOfWork], None]:
    from wild_workouts.trainings.app.hour_answers import handle_hour_reserved

    return lambda uow: handle_hour_reserved(HourReserved(hour, training_id, 1), uow)


def _debited(user_id: str, training_id: str) -> Callable[[TrainingsUnitOfWork], None]:
    from wild_workouts.trainings.app.balance_answers import handle_training_balance_debited

    return lambda uow: handle_training_balance_debited(TrainingBalanceDebited(user_id, training_id, 0), uow)


def _taken(hour: datetime, training_id: str) -> Callable[[TrainingsUnitOfWork], None]:
    from wild_workouts.trainings.app.hour_answers import handle_hour_reservation_rejected

    event = HourReservationRejected(hour, training_id, "hour is training_scheduled", "hour_not_available")
    return lambda uow: handle_hour_reservation_rejected(event, uow)


def _book(api: ApiClient, user_id: str, key: str, hour: datetime, prefer: str) -> tuple[object, float]:
    token = mint_dev_token(user_id, "attendee", "Wendy")
    started = time.monotonic()
    response = api.call(
        "POST", "/trainings", token, json={"hour": _text(hour)}, headers={"Idempotency-Key": key, "Prefer": prefer}
    )
    return response, time.monotonic() - started


def test_a_saga_settling_while_waiting_answers_200_early_with_the_final_state(api: ApiClient, unique: str) -> None:
    user_id, hour = f"wendy-{unique}", _hour(3)
    training_id = new_training_id(user_id, "k-1")
    recorder = _record_later(0.4, training_id, _reserved(hour, training_id), _debited(user_id, training_id))
    response, elapsed = _book(api, user_id, "k-1", hour, "wait=8")
    recorder.join(5)
    assert response.status_code == 200  # type: ignore[attr-defined]
    body = response.json  # type: ignore[attr-defined]
    assert (body["training_id"], body["status"], body["consistency"]) == (training_id, "scheduled", "strong")
    assert body["rejection"] is None
    assert response.headers["Preference-Applied"] == "wait=8"  # type: ignore[attr-defined]
    assert response.headers["Location"] == f"/trainings/{training_id}"  # type: ignore[attr-defined]
    assert 0.4 <= elapsed < 4, f"the wait should end soon after the saga settled, took {elapsed:.2f} s"


def test_a_saga_that_never_answers_is_202_with_the_location_after_the_wait(api: ApiClient, unique: str) -> None:
    response, elapsed = _book(api, f"nora-{unique}", "k-1", _hour(4), "wait=1")
    assert response.status_code == 202  # type: ignore[attr-defined]
    assert response.json["status"] == "pending"  # type: ignore[attr-defined]
    assert response.headers["Location"] == f"/trainings/{response.json['training_id']}"  # type: ignore[attr-defined]
    assert "Preference-Applied" not in response.headers  # type: ignore[attr-defined]
    assert 1.0 <= elapsed < 3.0, elapsed


def test_a_rejected_training_carries_its_code_and_member_message(api: ApiClient, unique: str) -> None:
    user_id, hour = f"rita-{unique}", _hour(5)
    training_id = new_training_id(user_id, "k-1")
    recorder = _record_later(0.2, training_id, _taken(hour, training_id))
    response, _ = _book(api, user_id, "k-1", hour, "wait=8")
    recorder.join(5)
    expected = {
        "code": "hour_not_available",
        "message": "The hour was just taken by someone else or is no longer open.",
    }
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.json["status"] == "rejected"  # type: ignore[attr-defined]
    assert response.json["rejection"] == expected  # type: ignore[attr-defined]
    shown = api.call("GET", f"/trainings/{training_id}", mint_dev_token(user_id, "attendee", "Rita"))
    assert (shown.json["rejection"], shown.json["rejection_reason"]) == (expected, "hour is training_scheduled")


def test_availability_shows_only_bookable_future_hours_to_an_attendee(api: ApiClient) -> None:
    from google.cloud import firestore

    from pipeline_kit.firestore.optimistic_unit_of_work import run_unit_of_work
    from wild_workouts.trainer.adapters.firestore_calendar_read_model import FirestoreCalendarWriter
    from wild_workouts.trainer.domain.availability import Availability

    day = _hour(9).date()
    bookable, closed = [_text(_hour(9, hour)) for hour in (13, 14)]
    trainer = mint_dev_token("trainer-1", "trainer", "Tina")
    assert api.call("PUT", "/trainer/hours/available", trainer, json={"hours": [bookable, closed]}).status_code == 204
    assert api.call("PUT", "/trainer/hours/unavailable", trainer, json={"hours": [closed]}).status_code == 204
    _project_trainer_events(api)
    past = (datetime.now(UTC) - timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    client = firestore.Client(project="wild-workouts-test")
    run_unit_of_work(
        client, lambda attempt: FirestoreCalendarWriter(attempt).set_availability(past, Availability.AVAILABLE, 1)
    )

    attendee = mint_dev_token("anna", "attendee", "Anna")
    response = api.call(
        "GET", f"/trainer/availability?date_from={past.date().isoformat()}&date_to={day.isoformat()}", attendee
    )
    assert response.status_code == 200
    assert response.headers["X-Consistency"] == "eventual"
    hours = [hour for listed in response.json["days"] for hour in listed["hours"]]
    assert bookable in hours
    assert closed not in hours
    assert _text(past) not in hours
    assert response.json["days"][-1]["date"] == day.isoformat()


def test_a_replayed_grant_adds_once_and_a_reused_key_is_422(api: ApiClient, unique: str) -> None:
    user_id = f"gus-{unique}"
    admin = mint_dev_token(f"admin-{unique}", "admin", "Ada")
    headers = {"Idempotency-Key": "grant-1", "X-Correlation-Id": f"g-{unique}"}
    first = api.call("POST", f"/users/{user_id}/grants", admin, json={"amount": 3}, headers=headers)
    again = api.call(
        "POST", f"/users/{user_id}/grants", admin, json={"amount": 3}, headers={"Idempotency-Key": "grant-1"}
    )
    assert first.status_code == again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json == {"user_id": user_id, "balance": 3, "correlation_id": f"g-{unique}"}
    attendee = mint_dev_token(user_id, "attendee", "Gus")
    assert api.call("GET", "/users/me/balance", attendee).json["balance"] == 3
    reused = api.call(
        "POST", f"/users/{user_id}/grants", admin, json={"amount": 5}, headers={"Idempotency-Key": "grant-1"}
    )
    assert (reused.status_code, reused.json["code"]) == (422, "idempotency_key_reused")
    assert api.call("GET", "/users/me/balance", attendee).json["balance"] == 3
