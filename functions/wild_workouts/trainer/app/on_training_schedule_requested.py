"""Event handler: reserve a requested training's hour → HourReserved / HourReservationRejected."""

from wild_workouts.contracts.trainings_events import TrainingScheduleRequested
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.hours_for_training import reserve_for_training
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.training_reservations import schedule_request_key


def handle_training_schedule_requested(event: TrainingScheduleRequested, uow: TrainerUnitOfWork, clock: Clock) -> None:
    """Idempotent; a closed (already rejected/canceled) training is refused with no effect."""
    reserve_for_training(event.training_id, event.hour, schedule_request_key(), uow, clock)
