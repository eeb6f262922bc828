"""Times and dates at the ends of the calendar answer 400, never 500.

``9999-12-31T23:00:00-01:00`` is a valid RFC 3339 string whose UTC instant is in year 10000;
a calendar range ending 9999-12-31 would need the day after it. The API accepts times and dates
from 0001-01-02 to 9999-12-30 (UTC), so a day either side stays computable.
"""

from __future__ import annotations

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient

pytestmark = pytest.mark.unit

OUT_OF_RANGE_TIMES = [
    "9999-12-31T23:00:00-01:00",
    "9999-12-31T23:00:00Z",
    "9999-12-31T00:00:00+00:00",
    "0001-01-01T00:30:00+01:00",
    "0001-01-01T00:00:00Z",
    "0001-01-02T00:30:00+01:00",
]


@pytest.mark.parametrize("hour", OUT_OF_RANGE_TIMES)
@pytest.mark.parametrize("path", ["/trainer/hours/available", "/trainer/hours/unavailable"])
def test_hours_at_the_ends_of_the_calendar_are_400(
    client: CheckedClient, world: InMemoryWorld, path: str, hour: str
) -> None:
    response = client.call("PUT", path, world.token("t1", "trainer"), json={"hours": ["2026-12-01T13:00:00Z", hour]})
    assert response.status_code == 400, response.get_data()
    assert response.json["code"] == "invalid_request"
    assert "$.hours[1]" in response.json["message"]


@pytest.mark.parametrize("hour", OUT_OF_RANGE_TIMES)
def test_a_booking_at_the_ends_of_the_calendar_is_400(client: CheckedClient, world: InMemoryWorld, hour: str) -> None:
    response = client.call("POST", "/trainings", world.token("a1", "attendee"), json={"hour": hour})
    assert response.status_code == 400, response.get_data()
    assert response.json["code"] == "invalid_request"
    assert world.published == []


@pytest.mark.parametrize("path", ["/trainer/calendar", "/trainer/availability"])
@pytest.mark.parametrize(
    ("date_from", "date_to"), [("9999-12-30", "9999-12-31"), ("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-02")]
)
def test_a_calendar_range_at_the_ends_of_the_calendar_is_400(
    client: CheckedClient, world: InMemoryWorld, path: str, date_from: str, date_to: str
) -> None:
    response = client.call("GET", f"{path}?date_from={date_from}&date_to={date_to}", world.token("t1", "trainer"))
    assert response.status_code == 400, response.get_data()
    assert response.json["code"] == "invalid_request"


@pytest.mark.parametrize("path", ["/trainer/calendar", "/trainer/availability"])
def test_the_last_accepted_days_still_answer(client: CheckedClient, world: InMemoryWorld, path: str) -> None:
    response = client.call("GET", f"{path}?date_from=9999-12-29&date_to=9999-12-30", world.token("t1", "trainer"))
    assert response.status_code == 200, response.get_data()
    first = client.call("GET", f"{path}?date_from=0001-01-02&date_to=0001-01-03", world.token("t1", "trainer"))
    assert first.status_code == 200, first.get_data()
