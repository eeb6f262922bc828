"""Bearer tokens (401) and roles (403)."""

from __future__ import annotations

import pytest

from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from tests.unit.api.api_world import PROJECT, InMemoryWorld
from tests.unit.api.checked_client import CheckedClient

pytestmark = pytest.mark.unit
CALENDAR = "/trainer/calendar?date_from=2026-12-01&date_to=2026-12-01"


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-jwt", "Bearer a.b.c"],
)
def test_missing_or_malformed_tokens_are_401(client: CheckedClient, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.call("GET", CALENDAR, headers=headers)
    assert response.status_code == 401
    assert response.json["code"] == "unauthenticated"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_token_from_another_issuer_key_is_401(client: CheckedClient) -> None:
    stranger = DevTokenIssuer(PROJECT)
    response = client.call("GET", CALENDAR, stranger.mint("t1", role="trainer"))
    assert response.status_code == 401


def test_an_expired_token_is_401(client: CheckedClient, world: InMemoryWorld) -> None:
    token = world.issuer.mint("t1", role="trainer", ttl_seconds=-600)
    response = client.call("GET", CALENDAR, token)
    assert response.status_code == 401
    assert "expired" in response.json["message"]


@pytest.mark.parametrize("role", [None, "superuser"])
def test_a_token_without_a_known_role_is_403(client: CheckedClient, world: InMemoryWorld, role: str | None) -> None:
    response = client.call("GET", "/users/me/balance", world.token("u1", role))
    assert response.status_code == 403
    assert response.json["code"] == "forbidden"


@pytest.mark.parametrize(
    ("role", "method", "path"),
    [
        ("attendee", "GET", CALENDAR),
        ("admin", "PUT", "/trainer/hours/available"),
        ("trainer", "POST", "/trainings"),
        ("admin", "GET", "/trainings"),
        ("trainer", "POST", "/users/u1/grants"),
        ("attendee", "POST", "/users/u1/grants"),
    ],
)
def test_roles_outside_the_route_are_403_before_the_body_is_read(
    client: CheckedClient, world: InMemoryWorld, role: str, method: str, path: str
) -> None:
    response = client.call(method, path, world.token("x1", role), data=b"{not json")
    assert response.status_code == 403
    assert role in response.json["message"]
