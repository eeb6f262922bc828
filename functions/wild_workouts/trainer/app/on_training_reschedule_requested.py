"""Event handler: reserve the new hour of a reschedule → HourReserved / HourReservationRejected.

The old hour stays held until ``TrainingRescheduled`` arrives (reserve first, release after).
"""

from wild_workouts.contracts.trainings_events import TrainingRescheduleRequested
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.hours_for_training import reserve_for_training
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.training_reservations import reschedule_request_key


def handle_training_reschedule_requested(
    event: TrainingRescheduleRequested, uow: TrainerUnitOfWork, clock: Clock
) -> None:
    """Idempotent per ``request_number``; a closed training is refused with no effect."""
    key = reschedule_request_key(event.request_number)
    reserve_for_training(event.training_id, event.new_hour, key, uow, clock)
