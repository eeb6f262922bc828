"""Query: the hours an attendee can book, per day of a range (no names, no trainings).

From the (lagging) calendar read model, with the calendar's range rules: only hours whose
availability is ``available`` and that start after the current hour. Every day of the range
is listed, in order, possibly with no hours.
"""

from dataclasses import dataclass
from datetime import date, datetime

from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.shared_kernel.utc_hour import start_of_hour
from wild_workouts.trainer.app.calendar_read_model import CalendarReadModel
from wild_workouts.trainer.app.get_calendar import GetCalendar, handle_get_calendar
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour_policy import HourPolicy


@dataclass(frozen=True, slots=True)
class GetAvailableHours:
    date_from: date
    date_to: date
    """Inclusive."""


@dataclass(frozen=True, slots=True)
class AvailableDay:
    date: date
    hours: tuple[datetime, ...]


def handle_get_available_hours(
    query: GetAvailableHours, calendar: CalendarReadModel, policy: HourPolicy, clock: Clock
) -> list[AvailableDay]:
    current_hour = start_of_hour(clock.now())
    days = handle_get_calendar(GetCalendar(query.date_from, query.date_to), calendar, policy)
    return [
        AvailableDay(
            day.date,
            tuple(
                hour.hour
                for hour in day.hours
                if hour.availability is Availability.AVAILABLE and hour.hour > current_hour
            ),
        )
        for day in days
    ]
