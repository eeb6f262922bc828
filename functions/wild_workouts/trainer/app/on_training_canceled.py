"""Event handler: a canceled training releases every hour held for it."""

from wild_workouts.contracts.trainings_events import TrainingCanceled
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.hours_for_training import close_training
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork


def handle_training_canceled(event: TrainingCanceled, uow: TrainerUnitOfWork, clock: Clock) -> None:
    """Releases the hour (and a reschedule's new hour if one was reserved); idempotent."""
    close_training(event.training_id, uow)
