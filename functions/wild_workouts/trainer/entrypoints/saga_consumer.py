"""The trainer module's saga consumer: it answers trainings events by reserving and releasing hours."""

from __future__ import annotations

from pipeline_kit.routing.consumer_spec import ConsumerSpec
from wild_workouts.adapters_common.consumer_wiring import (
    app_handler,
    consumer_spec,
)
from wild_workouts.contracts import trainings_events as tr
from wild_workouts.trainer.adapters.firestore_trainer_unit_of_work import FirestoreTrainerUnitOfWork
from wild_workouts.trainer.adapters.saga_documents import trainer_saga_documents
from wild_workouts.trainer.app.on_training_canceled import handle_training_canceled
from wild_workouts.trainer.app.on_training_rejected import handle_training_rejected
from wild_workouts.trainer.app.on_training_reschedule_failed import (
    handle_training_reschedule_failed,
)
from wild_workouts.trainer.app.on_training_reschedule_requested import (
    handle_training_reschedule_requested,
)
from wild_workouts.trainer.app.on_training_rescheduled import handle_training_rescheduled
from wild_workouts.trainer.app.on_training_schedule_requested import (
    handle_training_schedule_requested,
)


def trainer_on_trainings() -> ConsumerSpec:
    uow, docs = FirestoreTrainerUnitOfWork, trainer_saga_documents
    return consumer_spec(
        "trainer-on-trainings",
        "trainings",
        {
            tr.TrainingScheduleRequested: app_handler(handle_training_schedule_requested, uow, docs),
            tr.TrainingRejected: app_handler(handle_training_rejected, uow, docs),
            tr.TrainingCanceled: app_handler(handle_training_canceled, uow, docs),
            tr.TrainingRescheduleRequested: app_handler(handle_training_reschedule_requested, uow, docs),
            tr.TrainingRescheduled: app_handler(handle_training_rescheduled, uow, docs),
            tr.TrainingRescheduleFailed: app_handler(handle_training_reschedule_failed, uow, docs),
        },
    )
