"""Projection: trainer events → the calendar read model.

Each function sets the hour's availability to what the event says (idempotent). It relies
on per-hour ordering (the events' ordering key is the hour id) to apply them in order.
"""

from wild_workouts.contracts.trainer_events import (
    HourMadeAvailable,
    HourMadeUnavailable,
    HourReleased,
    HourReserved,
)
from wild_workouts.trainer.app.calendar_read_model import CalendarReadModel
from wild_workouts.trainer.domain.availability import Availability


def project_hour_made_available(event: HourMadeAvailable, calendar: CalendarReadModel) -> None:
    calendar.set_availability(event.hour, Availability.AVAILABLE)


def project_hour_made_unavailable(event: HourMadeUnavailable, calendar: CalendarReadModel) -> None:
    calendar.set_availability(event.hour, Availability.NOT_AVAILABLE)


def project_hour_reserved(event: HourReserved, calendar: CalendarReadModel) -> None:
    calendar.set_availability(event.hour, Availability.TRAINING_SCHEDULED)


def project_hour_released(event: HourReleased, calendar: CalendarReadModel) -> None:
    calendar.set_availability(event.hour, Availability.AVAILABLE)
