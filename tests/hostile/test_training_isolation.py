"""Attendees never read or change other attendees' trainings: B gets 404 for A's training on
every training operation, and A's training, balance and hour stay as they were."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ops.demo.api_client import ApiClient
from ops.demo.dev_tokens import mint
from ops.demo.waiting import wait_for
from ops.local_stack.stack import LocalStack

pytestmark = pytest.mark.e2e


def test_an_attendee_cannot_read_or_change_another_attendees_training(stack: LocalStack) -> None:
    url = stack.functions_url
    admin = ApiClient(url, mint("iso-admin", "admin", "Admin"))
    trainer = ApiClient(url, mint("iso-trainer", "trainer", "Trainer"))
    alice = ApiClient(url, mint("iso-alice", "attendee", "Alice"))
    bob = ApiClient(url, mint("iso-bob", "attendee", "Bob"))
    day = (datetime.now(UTC) + timedelta(days=3)).date()
    hour, other_hour = (f"{day.isoformat()}T{h}:00:00Z" for h in (15, 16))
    assert admin.call("POST", "/users/iso-alice/grants", {"amount": 2}).status == 200
    assert admin.call("POST", "/users/iso-bob/grants", {"amount": 2}).status == 200
    assert trainer.call("PUT", "/trainer/hours/available", {"hours": [hour, other_hour]}).status == 204
    booked = alice.call("POST", "/trainings", {"hour": hour, "notes": "private"})
    assert booked.status == 202, booked
    training_id = str(booked.body["training_id"])
    assert wait_for(lambda: alice.call("GET", f"/trainings/{training_id}").body.get("status") == "scheduled", 30)
    before = (alice.call("GET", f"/trainings/{training_id}").body, alice.call("GET", "/users/me/balance").body)

    attempts = {
        "read": bob.call("GET", f"/trainings/{training_id}"),
        "cancel": bob.call("POST", f"/trainings/{training_id}/cancel"),
        "reschedule": bob.call("POST", f"/trainings/{training_id}/reschedule", {"hour": other_hour}),
        "propose": bob.call("POST", f"/trainings/{training_id}/reschedule-proposals", {"hour": other_hour}),
        "approve": bob.call("POST", f"/trainings/{training_id}/reschedule-proposals/approve"),
        "reject": bob.call("POST", f"/trainings/{training_id}/reschedule-proposals/reject"),
    }
    assert {name: answer.status for name, answer in attempts.items()} == dict.fromkeys(attempts, 404)
    listed = bob.call("GET", "/trainings").body
    assert training_id not in {t.get("training_id") for t in listed.get("trainings", [])}
    assert (alice.call("GET", f"/trainings/{training_id}").body, alice.call("GET", "/users/me/balance").body) == before
    assert bob.call("GET", "/users/me/balance").body.get("balance") == 2
