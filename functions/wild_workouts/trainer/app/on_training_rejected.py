"""Event handler (compensation): a rejected training releases the hour held for it, if any."""

from wild_workouts.contracts.trainings_events import TrainingRejected
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.hours_for_training import close_training
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork


def handle_training_rejected(event: TrainingRejected, uow: TrainerUnitOfWork, clock: Clock) -> None:
    """Closes the training (later requests for it are refused); idempotent."""
    close_training(event.training_id, uow)
