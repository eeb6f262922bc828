"""The trainer's event handlers for the trainings saga (consumer ``trainer-on-trainings``).

A request reserves an hour and answers ``HourReserved`` / ``HourReservationRejected``; a
rejection, a cancellation, a move or a failed move releases what is no longer needed
(``HourReleased``). Every handler is idempotent and re-runnable (all effects go through the
unit of work), and duplicates and every order of arrival converge (``hours_for_training``,
``domain.hour_reservation``). Only the two that reserve read the clock.
"""

from wild_workouts.contracts.trainings_events import (
    TrainingCanceled,
    TrainingRejected,
    TrainingRescheduled,
    TrainingRescheduleFailed,
    TrainingRescheduleRequested,
    TrainingScheduleRequested,
)
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.hours_for_training import close_training, release_for_training, reserve_for_training
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.training_reservations import reschedule_request_key, schedule_request_key


def handle_training_schedule_requested(event: TrainingScheduleRequested, uow: TrainerUnitOfWork, clock: Clock) -> None:
    """Reserve the requested hour. A closed (already rejected/canceled) training is refused
    with no effect."""
    reserve_for_training(event.training_id, event.hour, schedule_request_key(), uow, clock)


def handle_training_rejected(event: TrainingRejected, uow: TrainerUnitOfWork) -> None:
    """Compensation: release the hour held for the training, if any, and close the training
    (later requests for it are refused)."""
    close_training(event.training_id, uow)


def handle_training_canceled(event: TrainingCanceled, uow: TrainerUnitOfWork) -> None:
    """Release the hour (and a reschedule's new hour if one was reserved)."""
    close_training(event.training_id, uow)


def handle_training_reschedule_requested(
    event: TrainingRescheduleRequested, uow: TrainerUnitOfWork, clock: Clock
) -> None:
    """Reserve the new hour, once per ``request_number``; the old hour stays held until
    ``TrainingRescheduled`` (reserve first, release after). A closed training is refused."""
    key = reschedule_request_key(event.request_number)
    reserve_for_training(event.training_id, event.new_hour, key, uow, clock)


def handle_training_rescheduled(event: TrainingRescheduled, uow: TrainerUnitOfWork) -> None:
    """After the training moved: release ``old_hour`` only if it is still held for it."""
    release_for_training(event.training_id, event.old_hour, uow)


def handle_training_reschedule_failed(event: TrainingRescheduleFailed, uow: TrainerUnitOfWork) -> None:
    """A failed move must not keep its new hour: release ``new_hour`` if it is held for the
    training (defensive: normally the reservation was refused, so nothing is held)."""
    release_for_training(event.training_id, event.new_hour, uow)
