"""Requests are validated against the OpenAPI document before any route runs (400)."""

from __future__ import annotations

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient

pytestmark = pytest.mark.unit


@pytest.fixture
def trainer(world: InMemoryWorld) -> str:
    return world.token("t1", "trainer")


@pytest.fixture
def attendee(world: InMemoryWorld) -> str:
    return world.token("a1", "attendee")


@pytest.mark.parametrize("body", [b"", b"{", b"[1,", b"\xff\xfe"])
def test_a_body_that_is_not_json_is_malformed_json(client: CheckedClient, trainer: str, body: bytes) -> None:
    response = client.call("PUT", "/trainer/hours/available", trainer, data=body)
    assert response.status_code == 400
    assert response.json["code"] == "malformed_json"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ([], "must be object"),
        ({}, "missing required property 'hours'"),
        ({"hours": "2026-12-01T13:00:00Z"}, "$.hours: must be array"),
        ({"hours": []}, "at least 1 items"),
        ({"hours": [13]}, "$.hours[0]: must be string, got integer"),
        ({"hours": ["2026-12-01 13:00"]}, "RFC 3339"),
        ({"hours": ["2026-12-01T13:00:00"]}, "with a zone"),
        ({"hours": ["2026-02-30T13:00:00Z"]}, "RFC 3339"),
        ({"hours": ["2026-12-01T13:00:00Z"], "trainer": "x"}, "unknown property 'trainer'"),
    ],
)
def test_schema_violations_say_what_and_where(client: CheckedClient, trainer: str, body: object, says: str) -> None:
    response = client.call("PUT", "/trainer/hours/available", trainer, json=body)
    assert response.status_code == 400
    assert response.json["code"] == "invalid_request"
    assert says in response.json["message"]


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("", "query parameter 'date_from' is required"),
        ("date_from=2026-12-01", "query parameter 'date_to' is required"),
        ("date_from=2026-12-01&date_to=tomorrow", "must be a date YYYY-MM-DD"),
        ("date_from=2026-13-01&date_to=2026-12-01", "must be a date YYYY-MM-DD"),
    ],
)
def test_query_parameters_are_validated(client: CheckedClient, trainer: str, query: str, says: str) -> None:
    response = client.call("GET", f"/trainer/calendar?{query}", trainer)
    assert response.status_code == 400
    assert says in response.json["message"]


def test_a_bad_training_id_in_the_path_is_400(client: CheckedClient, attendee: str) -> None:
    response = client.call("GET", "/trainings/" + "x" * 65, attendee)
    assert response.status_code == 400
    assert "path parameter 'training_id'" in response.json["message"]


def test_notes_longer_than_1000_characters_are_refused(client: CheckedClient, attendee: str) -> None:
    body = {"hour": "2026-12-01T13:00:00Z", "notes": "n" * 1001}
    response = client.call("POST", "/trainings", attendee, json=body)
    assert response.status_code == 400
    assert "at most 1000 characters, got 1001" in response.json["message"]


def test_a_grant_amount_must_be_an_integer_in_range(client: CheckedClient, world: InMemoryWorld) -> None:
    admin = world.token("boss", "admin")
    for amount in (0, 1001, 1.5, "3", True):
        response = client.call("POST", "/users/a1/grants", admin, json={"amount": amount})
        assert response.status_code == 400, amount


def test_a_bad_idempotency_key_header_is_400(client: CheckedClient, attendee: str) -> None:
    response = client.call(
        "POST",
        "/trainings",
        attendee,
        json={"hour": "2026-12-01T13:00:00Z"},
        headers={"Idempotency-Key": "has spaces"},
    )
    assert response.status_code == 400
    assert "header parameter 'Idempotency-Key'" in response.json["message"]


def test_a_too_large_body_is_413(client: CheckedClient, trainer: str) -> None:
    response = client.call("PUT", "/trainer/hours/available", trainer, data=b" " * 70_000)
    assert response.status_code == 413
    assert response.json["code"] == "body_too_large"
