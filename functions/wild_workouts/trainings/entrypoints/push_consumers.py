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
    from wild_workouts.adapters_common.handler_injection import injector
    from wild_workouts.contracts import trainer_events as te
    from wild_workouts.trainings.adapters.firestore_trainings_unit_of_work import FirestoreTrainingsUnitOfWork
    from wild_workouts.trainings.app import hour_answers as answers

    on = injector(uow=FirestoreTrainingsUnitOfWork.prefetched_for)
    return {
        te.HourReserved: on(answers.handle_hour_reserved),
        te.HourReservationRejected: on(answers.handle_hour_reservation_rejected),
    }


def _users_answers() -> Handlers:
    from wild_workouts.adapters_common.handler_injection import injector
    from wild_workouts.contracts import users_events as ue
    from wild_workouts.trainings.adapters.firestore_trainings_unit_of_work import FirestoreTrainingsUnitOfWork
    from wild_workouts.trainings.app import balance_answers as answers

    on = injector(uow=FirestoreTrainingsUnitOfWork.prefetched_for)
    return {
        ue.TrainingBalanceDebited: on(answers.handle_training_balance_debited),
        ue.TrainingBalanceDebitRejected: on(answers.handle_training_balance_debit_rejected),
    }


def _attendee_trainings_events() -> Handlers:
    from wild_workouts.adapters_common.handler_injection import STAMP, injector, on_attempt
    from wild_workouts.contracts import trainings_events as tr
    from wild_workouts.trainings.adapters.firestore_attendee_trainings_read_model import (
        FirestoreAttendeeTrainingsWriter,
    )
    from wild_workouts.trainings.app import attendee_trainings_projection as view

    on = injector(stamp=STAMP, views=on_attempt(FirestoreAttendeeTrainingsWriter))
    return {
        tr.TrainingScheduleRequested: on(view.project_training_schedule_requested),
        tr.TrainingScheduled: on(view.project_training_scheduled),
        tr.TrainingRejected: on(view.project_training_rejected),
        tr.TrainingCanceled: on(view.project_training_canceled),
        tr.TrainingRescheduled: on(view.project_training_rescheduled),
        tr.TrainingRescheduleFailed: on(view.project_training_reschedule_failed),
        tr.TrainingRescheduleProposed: on(view.project_training_reschedule_proposed),
        tr.TrainingRescheduleProposalRejected: on(view.project_training_reschedule_proposal_rejected),
    }


TRAININGS_ON_TRAINER = PushConsumerDeclaration("trainings-on-trainer", listens_to="trainer", handlers=_trainer_answers)
TRAININGS_ON_USERS = PushConsumerDeclaration("trainings-on-users", listens_to="users", handlers=_users_answers)
ATTENDEE_TRAININGS = PushConsumerDeclaration(
    "attendee-trainings", listens_to="trainings", handlers=_attendee_trainings_events
)
