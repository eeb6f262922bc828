"""Event handler: after a training moved, release its old hour."""

from wild_workouts.contracts.trainings_events import TrainingRescheduled
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.hours_for_training import release_for_training
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork


def handle_training_rescheduled(event: TrainingRescheduled, uow: TrainerUnitOfWork, clock: Clock) -> None:
    """Releases ``old_hour`` only if it is still held for the training; idempotent."""
    release_for_training(event.training_id, event.old_hour, uow)
