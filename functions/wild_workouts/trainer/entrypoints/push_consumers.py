"""The trainer module's push consumers, declared as data (``PushConsumerDeclaration``).

- ``TRAINER_ON_TRAININGS``: the saga side — answers trainings events by reserving and
  releasing hours.
- ``TRAINER_CALENDAR``: the calendar read model — trainer events → the calendar view.

Importing this module loads only the declaration type (``main.py`` imports it at start-up);
each ``handlers`` function imports its own consumer's handlers when called, so a service loads
only the consumer it serves (cold start). It is the one place naming which event goes to which
application function.
"""

from __future__ import annotations

from wild_workouts.adapters_common.push_consumer_declaration import Handlers, PushConsumerDeclaration


def _on_trainings_events() -> Handlers:
    from wild_workouts.adapters_common.consumer_wiring import app_handler
    from wild_workouts.contracts import trainings_events as tr
    from wild_workouts.trainer.adapters.firestore_trainer_unit_of_work import FirestoreTrainerUnitOfWork
    from wild_workouts.trainer.adapters.saga_documents import trainer_saga_documents
    from wild_workouts.trainer.app.on_training_canceled import handle_training_canceled
    from wild_workouts.trainer.app.on_training_rejected import handle_training_rejected
    from wild_workouts.trainer.app.on_training_reschedule_failed import handle_training_reschedule_failed
    from wild_workouts.trainer.app.on_training_reschedule_requested import handle_training_reschedule_requested
    from wild_workouts.trainer.app.on_training_rescheduled import handle_training_rescheduled
    from wild_workouts.trainer.app.on_training_schedule_requested import handle_training_schedule_requested

    uow, docs = FirestoreTrainerUnitOfWork, trainer_saga_documents
    return {
        tr.TrainingScheduleRequested: app_handler(handle_training_schedule_requested, uow, docs),
        tr.TrainingRejected: app_handler(handle_training_rejected, uow, docs),
        tr.TrainingCanceled: app_handler(handle_training_canceled, uow, docs),
        tr.TrainingRescheduleRequested: app_handler(handle_training_reschedule_requested, uow, docs),
        tr.TrainingRescheduled: app_handler(handle_training_rescheduled, uow, docs),
        tr.TrainingRescheduleFailed: app_handler(handle_training_reschedule_failed, uow, docs),
    }


def _calendar_events() -> Handlers:
    from wild_workouts.adapters_common.consumer_wiring import projection_handler
    from wild_workouts.contracts import trainer_events as te
    from wild_workouts.trainer.adapters.firestore_calendar_read_model import FirestoreCalendarWriter
    from wild_workouts.trainer.app import calendar_projection as calendar

    writer = FirestoreCalendarWriter
    return {
        te.HourMadeAvailable: projection_handler(calendar.project_hour_made_available, writer),
        te.HourMadeUnavailable: projection_handler(calendar.project_hour_made_unavailable, writer),
        te.HourReserved: projection_handler(calendar.project_hour_reserved, writer),
        te.HourReleased: projection_handler(calendar.project_hour_released, writer),
    }


TRAINER_ON_TRAININGS = PushConsumerDeclaration(
    "trainer-on-trainings", listens_to="trainings", handlers=_on_trainings_events
)
TRAINER_CALENDAR = PushConsumerDeclaration("trainer-calendar", listens_to="trainer", handlers=_calendar_events)
