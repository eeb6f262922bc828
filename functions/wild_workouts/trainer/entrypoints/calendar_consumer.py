"""The trainer calendar read model's push consumer (trainer events → the calendar view).

A module of its own: the service that serves it imports only the calendar projection.
"""

from __future__ import annotations

from pipeline_kit.routing.consumer_spec import ConsumerSpec
from wild_workouts.adapters_common.consumer_wiring import consumer_spec, projection_handler
from wild_workouts.contracts import trainer_events as te
from wild_workouts.trainer.adapters.firestore_calendar_read_model import FirestoreCalendarWriter
from wild_workouts.trainer.app import calendar_projection as calendar


def trainer_calendar() -> ConsumerSpec:
    writer = FirestoreCalendarWriter
    return consumer_spec(
        "trainer-calendar",
        "trainer",
        {
            te.HourMadeAvailable: projection_handler(calendar.project_hour_made_available, writer),
            te.HourMadeUnavailable: projection_handler(calendar.project_hour_made_unavailable, writer),
            te.HourReserved: projection_handler(calendar.project_hour_reserved, writer),
            te.HourReleased: projection_handler(calendar.project_hour_released, writer),
        },
    )
