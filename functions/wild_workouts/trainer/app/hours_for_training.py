"""The trainer's part of the scheduling, cancel and reschedule sagas, shared by the handlers.

Every function is re-runnable (all effects go through the unit of work) and idempotent;
duplicates and every order of arrival converge (see ``domain.hour_reservation``).
"""

from datetime import datetime

from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.hour_reservation import release_hour, reserve_hour
from wild_workouts.trainer.domain.training_reservations import TrainingReservations


def reserve_for_training(
    training_id: str, time: datetime, request_key: str, uow: TrainerUnitOfWork, clock: Clock
) -> None:
    """Reserve the hour and publish the answer (``HourReserved`` / ``HourReservationRejected``).

    The answer is published even when nothing changed (duplicate or closed training): the
    trainings module ignores answers it no longer needs.
    """
    reservations = uow.reservations.get(training_id) or TrainingReservations.open(training_id)
    hour = uow.hours.get(time)
    outcome = reserve_hour(reservations, hour, time, request_key, clock.now())
    if outcome.changed:
        if hour is not None:
            uow.hours.save(hour)
        uow.reservations.save(reservations)
    uow.publish(outcome.answer)


def close_training(training_id: str, uow: TrainerUnitOfWork) -> None:
    """Close the training and release every hour held for it (``HourReleased`` each).

    A close that arrives before the training's request stores a closed record, so the late
    request is refused. Closing twice does nothing.
    """
    reservations = uow.reservations.get(training_id) or TrainingReservations.open(training_id)
    if reservations.closed:
        return
    for time in list(reservations.held_hours):
        hour = uow.hours.get(time)
        released = release_hour(reservations, hour)
        if released is not None and hour is not None:
            uow.hours.save(hour)
            uow.publish(released)
    reservations.close()
    uow.reservations.save(reservations)


def release_for_training(training_id: str, time: datetime, uow: TrainerUnitOfWork) -> None:
    """Release the hour if (and only if) it is held for the training (``HourReleased``)."""
    reservations = uow.reservations.get(training_id)
    if reservations is None or not reservations.holds(time):
        return
    hour = uow.hours.get(time)
    released = release_hour(reservations, hour)
    if released is not None and hour is not None:
        uow.hours.save(hour)
        uow.publish(released)
    reservations.record_released(time)
    uow.reservations.save(reservations)
