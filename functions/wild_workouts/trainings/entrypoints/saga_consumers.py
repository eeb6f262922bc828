"""The trainings module's saga consumers: the answers of the trainer and users modules.

``TrainingViewMissingError`` (an event whose training is not projected yet) is not a domain
error: it is retried (503), as the view catches up in order.
"""

from __future__ import annotations

from pipeline_kit.routing.consumer_spec import ConsumerSpec
from wild_workouts.adapters_common.consumer_wiring import app_handler, consumer_spec
from wild_workouts.contracts import trainer_events as te
from wild_workouts.contracts import users_events as ue
from wild_workouts.trainings.adapters.firestore_trainings_unit_of_work import FirestoreTrainingsUnitOfWork
from wild_workouts.trainings.app.on_hour_reservation_rejected import handle_hour_reservation_rejected
from wild_workouts.trainings.app.on_hour_reserved import handle_hour_reserved
from wild_workouts.trainings.app.on_training_balance_debit_rejected import handle_training_balance_debit_rejected
from wild_workouts.trainings.app.on_training_balance_debited import handle_training_balance_debited


def trainings_on_trainer() -> ConsumerSpec:
    uow = FirestoreTrainingsUnitOfWork
    return consumer_spec(
        "trainings-on-trainer",
        "trainer",
        {
            te.HourReserved: app_handler(handle_hour_reserved, uow),
            te.HourReservationRejected: app_handler(handle_hour_reservation_rejected, uow),
        },
    )


def trainings_on_users() -> ConsumerSpec:
    uow = FirestoreTrainingsUnitOfWork
    return consumer_spec(
        "trainings-on-users",
        "users",
        {
            ue.TrainingBalanceDebited: app_handler(handle_training_balance_debited, uow),
            ue.TrainingBalanceDebitRejected: app_handler(handle_training_balance_debit_rejected, uow),
        },
    )
