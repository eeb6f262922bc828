"""The users module's push consumer, declared as data: ``USERS_ON_TRAININGS``, the balance
side of the scheduling saga.

Importing this module loads only the declaration type (``main.py`` imports it at start-up);
``handlers`` imports the handlers when called (cold start).
"""

from __future__ import annotations

from wild_workouts.adapters_common.push_consumer_declaration import Handlers, PushConsumerDeclaration


def _on_trainings_events() -> Handlers:
    from wild_workouts.adapters_common.handler_injection import injector
    from wild_workouts.contracts import trainings_events as tr
    from wild_workouts.users.adapters.firestore_users_unit_of_work import FirestoreUsersUnitOfWork
    from wild_workouts.users.app import saga_handlers as saga

    on = injector(uow=FirestoreUsersUnitOfWork.prefetched_for)
    return {
        tr.TrainingScheduleRequested: on(saga.handle_training_schedule_requested),
        tr.TrainingRejected: on(saga.handle_training_rejected),
        tr.TrainingCanceled: on(saga.handle_training_canceled),
    }


USERS_ON_TRAININGS = PushConsumerDeclaration(
    "users-on-trainings", listens_to="trainings", handlers=_on_trainings_events
)
