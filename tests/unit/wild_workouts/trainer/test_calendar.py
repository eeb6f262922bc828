"""The calendar projection and query: unset hours are not_available, events set the rest."""

from datetime import date

import pytest

from tests.unit.wild_workouts.fakes import FakeCalendarReadModel
from tests.unit.wild_workouts.sample_values import TOMORROW_13, at
from wild_workouts.contracts.trainer_events import (
    HourMadeAvailable,
    HourMadeUnavailable,
    HourReleased,
    HourReserved,
)
from wild_workouts.trainer.app.calendar_projection import (
    project_hour_made_available,
    project_hour_made_unavailable,
    project_hour_released,
    project_hour_reserved,
)
from wild_workouts.trainer.app.calendar_queries import GetCalendar, handle_get_calendar
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.errors import InvalidCalendarRangeError
from wild_workouts.trainer.domain.hour_policy import HourPolicy

pytestmark = pytest.mark.unit

DAY = TOMORROW_13.date()


def _availability_of(calendar: FakeCalendarReadModel) -> dict[int, Availability]:
    days = handle_get_calendar(GetCalendar(DAY, DAY), calendar, HourPolicy())
    assert len(days) == 1
    return {entry.hour.hour: entry.availability for entry in days[0].hours}


def test_unset_hours_are_not_available_and_only_opening_hours_are_listed() -> None:
    hours = _availability_of(FakeCalendarReadModel())
    assert list(hours) == list(range(12, 21))
    assert set(hours.values()) == {Availability.NOT_AVAILABLE}


def test_events_drive_the_calendar() -> None:
    calendar = FakeCalendarReadModel()
    project_hour_made_available(HourMadeAvailable(TOMORROW_13, 1), calendar)
    project_hour_made_available(HourMadeAvailable(at(1, 14), 1), calendar)
    project_hour_made_unavailable(HourMadeUnavailable(at(1, 14), 2), calendar)
    project_hour_reserved(HourReserved(TOMORROW_13, "t1", 2), calendar)
    assert _availability_of(calendar)[13] is Availability.TRAINING_SCHEDULED
    assert _availability_of(calendar)[14] is Availability.NOT_AVAILABLE
    project_hour_released(HourReleased(TOMORROW_13, "t1", 3), calendar)
    project_hour_released(HourReleased(TOMORROW_13, "t1", 3), calendar)  # duplicate
    assert _availability_of(calendar)[13] is Availability.AVAILABLE


def test_an_older_event_does_not_undo_a_newer_one() -> None:
    calendar = FakeCalendarReadModel()
    project_hour_reserved(HourReserved(TOMORROW_13, "t1", 2), calendar)
    project_hour_made_available(HourMadeAvailable(TOMORROW_13, 1), calendar)  # late: the sweeper's republish
    assert _availability_of(calendar)[13] is Availability.TRAINING_SCHEDULED


def test_a_range_lists_every_day_inclusive() -> None:
    days = handle_get_calendar(GetCalendar(date(2026, 12, 30), date(2027, 1, 2)), FakeCalendarReadModel(), HourPolicy())
    assert [day.date for day in days] == [
        date(2026, 12, 30),
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2027, 1, 2),
    ]


def test_policy_max_24_lists_up_to_23() -> None:
    days = handle_get_calendar(
        GetCalendar(DAY, DAY), FakeCalendarReadModel(), HourPolicy(min_utc_hour=0, max_utc_hour=24)
    )
    assert [entry.hour.hour for entry in days[0].hours] == list(range(24))


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2026, 12, 2), date(2026, 12, 1)), (date(2026, 12, 1), date(2027, 2, 1))],
)
def test_invalid_ranges_are_refused(start: date, end: date) -> None:
    with pytest.raises(InvalidCalendarRangeError, match="at most 62 days"):
        handle_get_calendar(GetCalendar(start, end), FakeCalendarReadModel(), HourPolicy())
