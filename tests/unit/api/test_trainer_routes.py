"""The trainer routes on in-memory dependencies."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
from wild_workouts.contracts.trainer_events import HourMadeAvailable, HourMadeUnavailable
from wild_workouts.trainer.domain.availability import Availability

pytestmark = pytest.mark.unit


def test_opening_hours_changes_them_and_publishes_per_changed_hour(client: CheckedClient, world: InMemoryWorld) -> None:
    token = world.token("t1", "trainer")
    hours = ["2026-12-01T13:00:00Z", "2026-12-01T14:00:00+00:00", "2026-12-01T15:00:00+01:00"]
    response = client.call("PUT", "/trainer/hours/available", token, json={"hours": hours})
    assert response.status_code == 204
    assert [type(event) for event in world.published] == [HourMadeAvailable, HourMadeAvailable]
    stored = {time.hour: hour.availability for time, hour in world.hours.items.items()}
    assert stored == {13: Availability.AVAILABLE, 14: Availability.AVAILABLE}

    response = client.call("PUT", "/trainer/hours/unavailable", token, json={"hours": hours[:1]})
    assert response.status_code == 204
    assert isinstance(world.published[-1], HourMadeUnavailable)


def test_one_invalid_hour_refuses_the_whole_list_with_the_rule(client: CheckedClient, world: InMemoryWorld) -> None:
    hours = ["2026-12-01T13:00:00Z", "2026-12-01T13:30:00Z"]
    response = client.call("PUT", "/trainer/hours/available", world.token("t1", "trainer"), json={"hours": hours})
    assert response.status_code == 422
    assert response.json["code"] == "hour_not_full"
    assert "2026-12-01T13:30:00Z" in response.json["message"]
    assert world.published == []
    assert world.hours.items == {}


def test_the_calendar_lists_opening_hours_with_unset_ones_not_available(
    client: CheckedClient, world: InMemoryWorld
) -> None:
    world.calendar.set_availability(datetime(2026, 12, 2, 13, tzinfo=UTC), Availability.AVAILABLE, 1)
    world.calendar.set_availability(datetime(2026, 12, 2, 14, tzinfo=UTC), Availability.TRAINING_SCHEDULED, 1)
    response = client.call(
        "GET",
        "/trainer/calendar?date_from=2026-12-01&date_to=2026-12-02",
        world.token("t1", "trainer"),
    )
    assert response.status_code == 200
    assert response.headers["X-Consistency"] == "eventual"
    days = response.json["days"]
    assert [day["date"] for day in days] == ["2026-12-01", "2026-12-02"]
    assert len(days[0]["hours"]) == 9  # 12:00 ... 20:00
    second = {hour["hour"]: hour["availability"] for hour in days[1]["hours"]}
    assert second["2026-12-02T12:00:00Z"] == "not_available"
    assert second["2026-12-02T13:00:00Z"] == "available"
    assert second["2026-12-02T14:00:00Z"] == "training_scheduled"


def test_a_reversed_or_too_long_calendar_range_is_422(client: CheckedClient, world: InMemoryWorld) -> None:
    token = world.token("t1", "trainer")
    for query in ("date_from=2026-12-02&date_to=2026-12-01", "date_from=2026-01-01&date_to=2026-12-31"):
        response = client.call("GET", f"/trainer/calendar?{query}", token)
        assert response.status_code == 422
        assert response.json["code"] == "invalid_calendar_range"


@pytest.mark.parametrize("role", ["attendee", "trainer", "admin"])
def test_availability_lists_only_bookable_hours_after_the_current_hour(
    client: CheckedClient, world: InMemoryWorld, role: str
) -> None:
    for hour, availability in [
        (datetime(2026, 11, 30, 10, tzinfo=UTC), Availability.AVAILABLE),  # the current hour (10:15)
        (datetime(2026, 11, 30, 13, tzinfo=UTC), Availability.AVAILABLE),
        (datetime(2026, 11, 30, 14, tzinfo=UTC), Availability.TRAINING_SCHEDULED),
        (datetime(2026, 12, 1, 12, tzinfo=UTC), Availability.NOT_AVAILABLE),
        (datetime(2026, 12, 1, 15, tzinfo=UTC), Availability.AVAILABLE),
        (datetime(2026, 12, 1, 16, tzinfo=UTC), Availability.AVAILABLE),
    ]:
        world.calendar.set_availability(hour, availability, 1)
    response = client.call(
        "GET", "/trainer/availability?date_from=2026-11-29&date_to=2026-12-01", world.token("u1", role)
    )
    assert response.status_code == 200
    assert response.headers["X-Consistency"] == "eventual"
    assert response.json == {
        "consistency": "eventual",
        "days": [
            {"date": "2026-11-29", "hours": []},
            {"date": "2026-11-30", "hours": ["2026-11-30T13:00:00Z"]},
            {"date": "2026-12-01", "hours": ["2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"]},
        ],
    }


def test_availability_has_the_calendar_range_rules(client: CheckedClient, world: InMemoryWorld) -> None:
    response = client.call(
        "GET", "/trainer/availability?date_from=2026-12-02&date_to=2026-12-01", world.token("a1", "attendee")
    )
    assert response.status_code == 422
    assert response.json["code"] == "invalid_calendar_range"
    assert (
        client.call("GET", "/trainer/availability?date_from=2026-12-02", world.token("a1", "attendee")).status_code
        == 400
    )
