"""Event handler: the trainer reserved an hour for a training.

For the initial hour of a pending training → may complete the booking (TrainingScheduled);
for a pending reschedule's new hour → TrainingRescheduled. Otherwise (duplicate, late) no
effect.
"""

from wild_workouts.contracts.trainer_events import HourReserved
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.saga_answer_recording import record_answer
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


def handle_hour_reserved(event: HourReserved, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    record_answer(event.training_id, uow, lambda training: training.record_hour_reserved(event.hour))
