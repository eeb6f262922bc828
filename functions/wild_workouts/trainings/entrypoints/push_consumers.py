"""The trainings module's push consumers, declared as data (``PushConsumerDeclaration``).

- ``TRAININGS_ON_TRAINER`` and ``TRAININGS_ON_USERS``: the saga's answers from the trainer
  and users modules. ``TrainingViewMissingError`` (an event whose training is not projected
  yet) is not a domain error: it is retried (503), as the view catches up in order.
- ``ATTENDEE_TRAININGS``: the attendee trainings read model — trainings events → each
  attendee's view.

Importing this module loads only the declaration type (``main.py`` imports it at start-up);
each ``handlers`` function imports its own consumer's handlers when called (cold start).
"""

from __future__ import annotations

from wild_workouts.adapters_common.push_consumer_declaration import Handlers, PushConsumerDeclaration


def _trainer_answers() -> Handlers:
    from wild_workouts.adapters_common.consumer_wiring import app_handler
    from wild_workouts.contracts import trainer_events as te
    from wild_workouts.trainings.adapters.firestore_trainings_unit_of_work import FirestoreTrainingsUnitOfWork
    from wild_workouts.trainings.app.on_hour_reservation_rejected import handle_hour_reservation_rejected
    from wild_workouts.trainings.app.on_hour_reserved import handle_hour_reserved

    uow = FirestoreTrainingsUnitOfWork
    return {
        te.HourReserved: app_handler(handle_hour_reserved, uow),
        te.HourReservationRejected: app_handler(handle_hour_reservation_rejected, uow),
    }


def _users_answers() -> Handlers:
    from wild_workouts.adapters_common.consumer_wiring import app_handler
    from wild_workouts.contracts import users_events as ue
    from wild_workouts.trainings.adapters.firestore_trainings_unit_of_work import FirestoreTrainingsUnitOfWork
    from wild_workouts.trainings.app.on_training_balance_debit_rejected import handle_training_balance_debit_rejected
    from wild_workouts.trainings.app.on_training_balance_debited import handle_training_balance_debited

    uow = FirestoreTrainingsUnitOfWork
    return {
        ue.TrainingBalanceDebited: app_handler(handle_training_balance_debited, uow),
        ue.TrainingBalanceDebitRejected: app_handler(handle_training_balance_debit_rejected, uow),
    }


def _attendee_trainings_events() -> Handlers:
    from wild_workouts.adapters_common.consumer_wiring import stamped_projection_handler as stamped
    from wild_workouts.contracts import trainings_events as tr
    from wild_workouts.trainings.adapters.firestore_attendee_trainings_read_model import (
        FirestoreAttendeeTrainingsWriter,
    )
    from wild_workouts.trainings.app import attendee_trainings_projection as view

    writer = FirestoreAttendeeTrainingsWriter
    return {
        tr.TrainingScheduleRequested: stamped(view.project_training_schedule_requested, writer),
        tr.TrainingScheduled: stamped(view.project_training_scheduled, writer),
        tr.TrainingRejected: stamped(view.project_training_rejected, writer),
        tr.TrainingCanceled: stamped(view.project_training_canceled, writer),
        tr.TrainingRescheduled: stamped(view.project_training_rescheduled, writer),
        tr.TrainingRescheduleFailed: stamped(view.project_training_reschedule_failed, writer),
        tr.TrainingRescheduleProposed: stamped(view.project_training_reschedule_proposed, writer),
        tr.TrainingRescheduleProposalRejected: stamped(view.project_training_reschedule_proposal_rejected, writer),
    }


TRAININGS_ON_TRAINER = PushConsumerDeclaration("trainings-on-trainer", listens_to="trainer", handlers=_trainer_answers)
TRAININGS_ON_USERS = PushConsumerDeclaration("trainings-on-users", listens_to="users", handlers=_users_answers)
ATTENDEE_TRAININGS = PushConsumerDeclaration(
    "attendee-trainings", listens_to="trainings", handlers=_attendee_trainings_events
)
