"""The users routes on in-memory dependencies."""

from __future__ import annotations

import pytest

from tests.unit.api.checked_client import CheckedClient
from tests.unit.api.in_memory_dependencies import InMemoryWorld
from wild_workouts.contracts.users_events import TrainingsGranted

pytestmark = pytest.mark.unit


def test_an_admin_grants_and_the_attendee_sees_the_balance(client: CheckedClient, world: InMemoryWorld) -> None:
    attendee = world.token("a1", "attendee")
    assert client.call("GET", "/users/me/balance", attendee).json == {"user_id": "a1", "balance": 0}
    granted = client.call(
        "POST",
        "/users/a1/grants",
        world.token("boss", "admin"),
        json={"amount": 3},
        headers={"X-Correlation-Id": "g-1"},
    )
    assert granted.status_code == 200
    assert granted.json == {"user_id": "a1", "balance": 3, "correlation_id": "g-1"}
    assert isinstance(world.published[-1], TrainingsGranted)
    assert client.call("GET", "/users/me/balance", attendee).json["balance"] == 3


def test_attendees_cannot_see_another_balance_but_trainers_can(client: CheckedClient, world: InMemoryWorld) -> None:
    assert client.call("GET", "/users/a2/balance", world.token("a1", "attendee")).status_code == 404
    assert client.call("GET", "/users/a1/balance", world.token("a1", "attendee")).status_code == 200
    assert client.call("GET", "/users/a2/balance", world.token("t1", "trainer")).status_code == 200
