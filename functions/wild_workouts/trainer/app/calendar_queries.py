"""Queries on the trainer's calendar, both from the (lagging) calendar read model.

- ``handle_get_calendar``: every opening hour of a range of dates with its availability (hours
  never set count as ``not_available``); the range is at most ``MAX_CALENDAR_DAYS`` days.
- ``handle_get_available_hours``: the hours an attendee can book, per day of a range (no names,
  no trainings), with the calendar's range rules: only hours whose availability is
  ``available`` and that start after the current hour. Every day of the range is listed, in
  order, possibly with no hours.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.shared_kernel.utc_hour import start_of_hour
from wild_workouts.trainer.app.calendar_read_model import CalendarReader
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.errors import InvalidCalendarRangeError
from wild_workouts.trainer.domain.hour_policy import HourPolicy

MAX_CALENDAR_DAYS = 62


@dataclass(frozen=True, slots=True)
class GetCalendar:
    date_from: date
    date_to: date
    """Inclusive."""


@dataclass(frozen=True, slots=True)
class CalendarHour:
    hour: datetime
    availability: Availability


@dataclass(frozen=True, slots=True)
class CalendarDay:
    date: date
    hours: tuple[CalendarHour, ...]


def handle_get_calendar(query: GetCalendar, calendar: CalendarReader, policy: HourPolicy) -> list[CalendarDay]:
    days = (query.date_to - query.date_from).days + 1
    if days < 1 or days > MAX_CALENDAR_DAYS:
        raise InvalidCalendarRangeError(
            f"date_from must not be after date_to and the range at most {MAX_CALENDAR_DAYS} days, "
            f"got {query.date_from.isoformat()}..{query.date_to.isoformat()}"
        )
    start = datetime.combine(query.date_from, time(), UTC)
    stored = calendar.availability_between(start, start + timedelta(days=days))
    last_hour = min(policy.max_utc_hour, 23)
    result: list[CalendarDay] = []
    for offset in range(days):
        day = query.date_from + timedelta(days=offset)
        hours = tuple(
            CalendarHour(hour, stored.get(hour, Availability.NOT_AVAILABLE))
            for hour in (
                datetime.combine(day, time(hour_of_day), UTC)
                for hour_of_day in range(policy.min_utc_hour, last_hour + 1)
            )
        )
        result.append(CalendarDay(day, hours))
    return result


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
    query: GetAvailableHours, calendar: CalendarReader, policy: HourPolicy, clock: Clock
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
