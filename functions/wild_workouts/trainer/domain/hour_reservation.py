"""Reserving and releasing hours for trainings (domain service over Hour + TrainingReservations).

Contracts (these make the trainer's part of the saga idempotent and order-independent):
- a request for a closed training → ``HourReservationRejected``, nothing changes;
- a request already answered (same key) → the same answer again, nothing changes (a repeated
  ``HourReserved`` carries ``hour_version`` 0: it reports no change, so the calendar keeps the
  state of the change it repeats, or a newer one);
- otherwise the hour is reserved if it is ``available`` and after the current hour, and the
  answer is recorded;
- a release frees an hour only if it is held for that very training (else it is a no-op).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wild_workouts.contracts.trainer_events import (
    HourReleased,
    HourReservationRejected,
    HourReserved,
)
from wild_workouts.shared_kernel.rejection_code import RejectionCode, code_for_reason
from wild_workouts.shared_kernel.utc_hour import format_utc, start_of_hour, to_utc
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.training_reservations import TrainingReservations

ReservationAnswer = HourReserved | HourReservationRejected

UNKNOWN_HOUR_VERSION = 0
"""The ``hour_version`` of an event that reports no change of the hour (see the contract)."""


@dataclass(frozen=True, slots=True)
class ReservationOutcome:
    answer: ReservationAnswer
    changed: bool
    """True if ``hour`` and ``reservations`` changed and must be saved."""


def reserve_hour(
    reservations: TrainingReservations,
    hour: Hour | None,
    time: datetime,
    request_key: str,
    now: datetime,
) -> ReservationOutcome:
    """Reserve the hour at ``time`` (``hour`` is None when it was never set) for the training."""
    time = to_utc(time)
    training_id = reservations.training_id
    if reservations.closed:
        reason = f"training {training_id} is already closed (rejected or canceled)"
        closed = HourReservationRejected(time, training_id, reason, RejectionCode.TRAINING_CLOSED.value)
        return ReservationOutcome(closed, False)
    if request_key in reservations.answers:
        previous = reservations.answers[request_key]
        if previous is None:
            return ReservationOutcome(HourReserved(time, training_id, UNKNOWN_HOUR_VERSION), False)
        again = HourReservationRejected(time, training_id, previous, code_for_reason(previous).value)
        return ReservationOutcome(again, False)
    refusal = _refusal(hour, time, now)
    if refusal is not None or hour is None:
        reason, code = refusal or (f"hour {format_utc(time)} is not_available", RejectionCode.HOUR_NOT_AVAILABLE)
        reservations.record_rejected(request_key, reason)
        return ReservationOutcome(HourReservationRejected(time, training_id, reason, code.value), True)
    hour.schedule_training(training_id)
    reservations.record_reserved(request_key, time)
    return ReservationOutcome(HourReserved(time, training_id, hour.version), True)


def release_hour(reservations: TrainingReservations, hour: Hour | None) -> HourReleased | None:
    """Free ``hour`` if it is held for this training; None (no change) otherwise."""
    if hour is None:
        return None
    reservations.record_released(hour.time)
    if hour.training_id != reservations.training_id:
        return None
    hour.cancel_training()
    return HourReleased(hour.time, reservations.training_id, hour.version)


def _refusal(hour: Hour | None, time: datetime, now: datetime) -> tuple[str, RejectionCode] | None:
    """Why the hour cannot be reserved now (reason and code), or None if it can.

    The recorded answer keeps only the reason; a repeated request gets the code back from it
    (``code_for_reason`` recognises these sentences).
    """
    shown = format_utc(time)
    if time <= start_of_hour(now):
        current = format_utc(start_of_hour(now))
        return f"hour {shown} is not in the future (current hour {current})", RejectionCode.HOUR_IN_PAST
    if hour is None or hour.availability is not Availability.AVAILABLE:
        state = Availability.NOT_AVAILABLE if hour is None else hour.availability
        reason = f"hour {shown} is {state.value}; only an available hour can be reserved"
        return reason, RejectionCode.HOUR_NOT_AVAILABLE
    return None
