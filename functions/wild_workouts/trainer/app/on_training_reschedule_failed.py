"""Event handler: a failed reschedule must not keep its new hour."""

from wild_workouts.contracts.trainings_events import TrainingRescheduleFailed
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.hours_for_training import release_for_training
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork


def handle_training_reschedule_failed(event: TrainingRescheduleFailed, uow: TrainerUnitOfWork, clock: Clock) -> None:
    """Releases ``new_hour`` if it is held for the training (defensive: normally the
    reservation was refused, so nothing is held and nothing happens); idempotent."""
    release_for_training(event.training_id, event.new_hour, uow)
