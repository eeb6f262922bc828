"""The users module's push consumer: the balance side of the scheduling saga."""

from __future__ import annotations

from pipeline_kit.routing.consumer_spec import ConsumerSpec
from wild_workouts.adapters_common.consumer_wiring import app_handler, consumer_spec
from wild_workouts.contracts import trainings_events as tr
from wild_workouts.users.adapters.firestore_users_unit_of_work import FirestoreUsersUnitOfWork
from wild_workouts.users.adapters.saga_documents import users_saga_documents
from wild_workouts.users.app.on_training_canceled import handle_training_canceled
from wild_workouts.users.app.on_training_rejected import handle_training_rejected
from wild_workouts.users.app.on_training_schedule_requested import handle_training_schedule_requested


def users_on_trainings() -> ConsumerSpec:
    uow = FirestoreUsersUnitOfWork
    return consumer_spec(
        "users-on-trainings",
        "trainings",
        {
            tr.TrainingScheduleRequested: app_handler(handle_training_schedule_requested, uow, users_saga_documents),
            tr.TrainingRejected: app_handler(handle_training_rejected, uow, users_saga_documents),
            tr.TrainingCanceled: app_handler(handle_training_canceled, uow, users_saga_documents),
        },
    )
