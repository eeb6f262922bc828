"""JSON texts the API refuses before any route runs (400), instead of failing later with a 500.

A body nested deeper than the API's documents ever are (``json.loads`` would raise
``RecursionError`` on a deep enough one), and a lone UTF-16 surrogate (``"\\ud800"``: valid
JSON escapes, but not Unicode text, so Firestore cannot store it).
"""

from __future__ import annotations

import json
import time

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
from wild_workouts.http.request_validation import LONGEST_JSON_NESTING

pytestmark = pytest.mark.unit
BOOKING = b'{"hour":"2026-12-05T10:00:00Z","notes":%s}'


@pytest.mark.parametrize("depth", [LONGEST_JSON_NESTING + 1, 5000, 30000])
@pytest.mark.parametrize(("opening", "closing"), [(b"[", b"]"), (b'{"a":', b"}")])
def test_a_deeply_nested_body_is_400(
    client: CheckedClient, world: InMemoryWorld, depth: int, opening: bytes, closing: bytes
) -> None:
    body = opening * depth + b"1" + closing * depth
    response = client.call(
        "PUT",
        "/trainer/hours/available",
        world.token("t1", "trainer"),
        data=body[:60000],
        content_type="application/json",
    )
    assert response.status_code == 400, response.get_data()[:200]
    assert response.json["code"] == "malformed_json"


def test_unclosed_nesting_is_400_too(client: CheckedClient, world: InMemoryWorld) -> None:
    response = client.call(
        "PUT",
        "/trainer/hours/available",
        world.token("t1", "trainer"),
        data=b"[" * 60000,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json["code"] == "malformed_json"


def test_brackets_inside_strings_do_not_count_as_nesting(client: CheckedClient, world: InMemoryWorld) -> None:
    notes = json.dumps("[{" * 400 + '\\"[').encode()
    response = client.call(
        "POST", "/trainings", world.token("a1", "attendee"), data=BOOKING % notes, content_type="application/json"
    )
    assert response.status_code == 202, response.get_data()


@pytest.mark.parametrize("notes", [b'"\\ud800"', b'"x\\udfff"', b'"\\ude00\\ud83d"', b'"\\ud83d"'])
def test_a_lone_surrogate_in_notes_is_400(client: CheckedClient, world: InMemoryWorld, notes: bytes) -> None:
    response = client.call(
        "POST", "/trainings", world.token("a1", "attendee"), data=BOOKING % notes, content_type="application/json"
    )
    assert response.status_code == 400, response.get_data()
    assert response.json["code"] == "malformed_json"
    assert world.published == []


def test_a_lone_surrogate_in_a_property_name_is_400(client: CheckedClient, world: InMemoryWorld) -> None:
    body = b'{"hour":"2026-12-05T10:00:00Z","\\ud800":1}'
    response = client.call(
        "POST", "/trainings", world.token("a1", "attendee"), data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json["code"] == "malformed_json"


def test_a_surrogate_pair_is_text_and_is_kept(client: CheckedClient, world: InMemoryWorld) -> None:
    response = client.call(
        "POST",
        "/trainings",
        world.token("a1", "attendee"),
        data=BOOKING % b'"\\ud83d\\ude00"',
        content_type="application/json",
    )
    assert response.status_code == 202, response.get_data()
    (training,) = world.trainings.items.values()
    assert training.notes == "\U0001f600"


def test_a_token_name_with_a_lone_surrogate_is_401(client: CheckedClient, world: InMemoryWorld) -> None:
    token = world.token("a1", "attendee", name="Al\ud800ice")
    response = client.call("POST", "/trainings", token, json={"hour": "2026-12-05T10:00:00Z"})
    assert response.status_code == 401
    assert world.published == []


@pytest.mark.parametrize("body", [b'["\\' * 21000, b'"\\"' * 21000, b"[" + b'"' * 60000])
def test_the_nesting_scan_is_linear_on_unterminated_strings(
    client: CheckedClient, world: InMemoryWorld, body: bytes
) -> None:
    """A first scan for strings retried every quote to the end: 64 KiB of ``"\\`` took half a
    minute of CPU. The bound is two orders of magnitude above what a linear scan needs."""
    started = time.monotonic()
    response = client.call(
        "PUT", "/trainer/hours/available", world.token("t1", "trainer"), data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert time.monotonic() - started < 5.0
