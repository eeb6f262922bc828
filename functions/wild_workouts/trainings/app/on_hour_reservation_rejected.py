"""Event handler: the trainer could not reserve an hour for a training.

For the initial hour of a pending training → TrainingRejected; for a pending reschedule's
new hour → TrainingRescheduleFailed (the training keeps its time). Otherwise no effect.
"""

from wild_workouts.contracts.trainer_events import HourReservationRejected
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.shared_kernel.rejection_code import rejection_code_of
from wild_workouts.trainings.app.saga_answer_recording import record_answer
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


def handle_hour_reservation_rejected(event: HourReservationRejected, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    record_answer(
        event.training_id,
        uow,
        lambda training: training.record_hour_reservation_rejected(
            event.hour, event.reason, rejection_code_of(event.reason_code)
        ),
    )
