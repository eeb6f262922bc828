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
    from wild_workouts.adapters_common.handler_injection import SYSTEM_CLOCK, injector
    from wild_workouts.contracts import trainings_events as tr
    from wild_workouts.trainer.adapters.firestore_trainer_unit_of_work import FirestoreTrainerUnitOfWork
    from wild_workouts.trainer.app import saga_handlers as saga

    on = injector(uow=FirestoreTrainerUnitOfWork.prefetched_for, clock=SYSTEM_CLOCK)
    return {
        tr.TrainingScheduleRequested: on(saga.handle_training_schedule_requested),
        tr.TrainingRejected: on(saga.handle_training_rejected),
        tr.TrainingCanceled: on(saga.handle_training_canceled),
        tr.TrainingRescheduleRequested: on(saga.handle_training_reschedule_requested),
        tr.TrainingRescheduled: on(saga.handle_training_rescheduled),
        tr.TrainingRescheduleFailed: on(saga.handle_training_reschedule_failed),
    }


def _calendar_events() -> Handlers:
    from wild_workouts.adapters_common.handler_injection import injector, on_attempt
    from wild_workouts.contracts import trainer_events as te
    from wild_workouts.trainer.adapters.firestore_calendar_read_model import FirestoreCalendarWriter
    from wild_workouts.trainer.app import calendar_projection as calendar

    on = injector(calendar=on_attempt(FirestoreCalendarWriter))
    return {
        te.HourMadeAvailable: on(calendar.project_hour_made_available),
        te.HourMadeUnavailable: on(calendar.project_hour_made_unavailable),
        te.HourReserved: on(calendar.project_hour_reserved),
        te.HourReleased: on(calendar.project_hour_released),
    }


TRAINER_ON_TRAININGS = PushConsumerDeclaration(
    "trainer-on-trainings", listens_to="trainings", handlers=_on_trainings_events
)
TRAINER_CALENDAR = PushConsumerDeclaration("trainer-calendar", listens_to="trainer", handlers=_calendar_events)
