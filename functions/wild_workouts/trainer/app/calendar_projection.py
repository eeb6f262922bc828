"""Projection: trainer events → the calendar read model.

Each function records the availability the event reports as of the event's ``hour_version``;
the read model keeps the newest per hour, so duplicates, redeliveries and any order of
arrival (the sweeper's republish, ``dlq redrive``, two publishers for one hour) converge to
the state of the hour's latest change. No ordering key is relied on.
"""

from wild_workouts.contracts.trainer_events import (
    HourMadeAvailable,
    HourMadeUnavailable,
    HourReleased,
    HourReserved,
)
from wild_workouts.trainer.app.calendar_read_model import CalendarWriter
from wild_workouts.trainer.domain.availability import Availability


def project_hour_made_available(event: HourMadeAvailable, calendar: CalendarWriter) -> None:
    calendar.set_availability(event.hour, Availability.AVAILABLE, event.hour_version)


def project_hour_made_unavailable(event: HourMadeUnavailable, calendar: CalendarWriter) -> None:
    calendar.set_availability(event.hour, Availability.NOT_AVAILABLE, event.hour_version)


def project_hour_reserved(event: HourReserved, calendar: CalendarWriter) -> None:
    calendar.set_availability(event.hour, Availability.TRAINING_SCHEDULED, event.hour_version)


def project_hour_released(event: HourReleased, calendar: CalendarWriter) -> None:
    calendar.set_availability(event.hour, Availability.AVAILABLE, event.hour_version)
