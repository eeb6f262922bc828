"""The users routes on in-memory dependencies."""

from __future__ import annotations

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
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


def test_a_repeated_grant_with_the_same_key_adds_once(client: CheckedClient, world: InMemoryWorld) -> None:
    admin = world.token("boss", "admin")
    headers = {"Idempotency-Key": "grant-1", "X-Correlation-Id": "g-1"}
    first = client.call("POST", "/users/a1/grants", admin, json={"amount": 2}, headers=headers)
    again = client.call(
        "POST", "/users/a1/grants", admin, json={"amount": 2}, headers={**headers, "X-Correlation-Id": "g-2"}
    )
    assert first.status_code == again.status_code == 200
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json == {"user_id": "a1", "balance": 2, "correlation_id": "g-1"}
    assert client.call("GET", "/users/me/balance", world.token("a1", "attendee")).json["balance"] == 2
    assert len(world.published) == 1


def test_a_grant_key_reused_for_another_user_or_amount_is_422(client: CheckedClient, world: InMemoryWorld) -> None:
    admin = world.token("boss", "admin")
    headers = {"Idempotency-Key": "grant-1"}
    client.call("POST", "/users/a1/grants", admin, json={"amount": 2}, headers=headers)
    for path, amount in (("/users/a2/grants", 2), ("/users/a1/grants", 3)):
        response = client.call("POST", path, admin, json={"amount": amount}, headers=headers)
        assert response.status_code == 422
        assert response.json["code"] == "idempotency_key_reused"
    assert len(world.published) == 1
