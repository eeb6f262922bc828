"""The users module's push consumer, declared as data: ``USERS_ON_TRAININGS``, the balance
side of the scheduling saga.

Importing this module loads only the declaration type (``main.py`` imports it at start-up);
``handlers`` imports the handlers when called (cold start).
"""

from __future__ import annotations

from wild_workouts.adapters_common.push_consumer_declaration import Handlers, PushConsumerDeclaration


def _on_trainings_events() -> Handlers:
    from wild_workouts.adapters_common.consumer_wiring import app_handler
    from wild_workouts.contracts import trainings_events as tr
    from wild_workouts.users.adapters.firestore_users_unit_of_work import FirestoreUsersUnitOfWork
    from wild_workouts.users.adapters.saga_documents import users_saga_documents
    from wild_workouts.users.app.on_training_canceled import handle_training_canceled
    from wild_workouts.users.app.on_training_rejected import handle_training_rejected
    from wild_workouts.users.app.on_training_schedule_requested import handle_training_schedule_requested

    uow, docs = FirestoreUsersUnitOfWork, users_saga_documents
    return {
        tr.TrainingScheduleRequested: app_handler(handle_training_schedule_requested, uow, docs),
        tr.TrainingRejected: app_handler(handle_training_rejected, uow, docs),
        tr.TrainingCanceled: app_handler(handle_training_canceled, uow, docs),
    }


USERS_ON_TRAININGS = PushConsumerDeclaration(
    "users-on-trainings", listens_to="trainings", handlers=_on_trainings_events
)
