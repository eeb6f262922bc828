"""``Prefer: wait`` in a process whose one wait slot is taken, on the real Firestore emulator:
the second waiting command is declined at once (202, no ``Preference-Applied``) while the first
keeps waiting and still gets its waited answer.

Deterministic: no consumers run here, so the first booking's saga cannot settle until the test
records its answers, and the first request holds the slot (watched on the ``WaitSlots``) until
then. The second command is a cancel, which settles in its own commit: had it waited, it would
have answered 200, so its 202 can only be the declined wait.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests.integration.api.conftest import ApiClient
from tests.integration.api.dev_token import mint_dev_token
from tests.integration.api.test_api_waits_availability_grants import _debited, _hour, _record_later, _reserved, _text
from tests.unit.api.checked_client import CheckedClient
from wild_workouts.trainings.entrypoints.training_ids import new_training_id

pytestmark = pytest.mark.integration


def _until(condition: Any, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return bool(condition())


def test_with_one_slot_a_second_waiting_command_answers_202_at_once_while_the_first_waits(
    api: ApiClient, unique: str
) -> None:
    from pipeline_kit.http.wait_slots import WaitSlots
    from wild_workouts import bootstrap

    slots = WaitSlots(1)
    app = bootstrap.firestore_api_app(bootstrap.settings(), slots)
    waiting_user, other_user = f"wade-{unique}", f"olga-{unique}"
    waiting_hour, other_hour = _hour(6), _hour(7)
    waiting_id, other_id = new_training_id(waiting_user, "k-1"), new_training_id(other_user, "k-1")
    waiting_token = mint_dev_token(waiting_user, "attendee", "Wade")
    other_token = mint_dev_token(other_user, "attendee", "Olga")

    booked = CheckedClient(app.test_client()).call(
        "POST", "/trainings", other_token, json={"hour": _text(other_hour)}, headers={"Idempotency-Key": "k-1"}
    )
    assert booked.status_code == 202
    _record_later(0, other_id, _reserved(other_hour, other_id), _debited(other_user, other_id)).join(10)

    first: list[Any] = []

    def wait_for_the_booking() -> None:
        first.append(
            CheckedClient(app.test_client()).call(
                "POST",
                "/trainings",
                waiting_token,
                json={"hour": _text(waiting_hour)},
                headers={"Idempotency-Key": "k-1", "Prefer": "wait=10"},
            )
        )

    waiter = threading.Thread(target=wait_for_the_booking, daemon=True)
    waiter.start()
    assert _until(lambda: slots.taken == 1), "the first booking should be waiting in the only slot"

    declined = CheckedClient(app.test_client()).call(
        "POST", f"/trainings/{other_id}/cancel", other_token, headers={"Prefer": "wait=5"}
    )
    assert declined.status_code == 202, "a cancel settles at once: 200 had it waited, 202 only if declined"
    assert declined.json["status"] == "canceled"
    assert declined.headers["Location"] == f"/trainings/{other_id}"
    assert "Preference-Applied" not in declined.headers
    assert first == [], "the first booking is still waiting: its saga has not answered"

    _record_later(0, waiting_id, _reserved(waiting_hour, waiting_id), _debited(waiting_user, waiting_id)).join(10)
    waiter.join(15)
    (waited,) = first
    assert waited.status_code == 200
    assert (waited.json["training_id"], waited.json["status"]) == (waiting_id, "scheduled")
    assert waited.headers["Preference-Applied"] == "wait=10"
    assert slots.taken == 0, "the slot is given back when the wait ends"
