"""The scheduling saga's deadline: how long a training may stay ``pending``.

A training is requested with ``deadline_at = requested_at + timeout``. Past it, the trainings
module rejects it with ``RejectionCode.TIMED_OUT`` (``Training.time_out``) and the consumers
compensate as for any rejection. The timeout must be longer than the answers normally take,
retries included; too short only turns slow bookings into rejections (the invariants hold).
"""

from __future__ import annotations

from datetime import timedelta

DEFAULT_SAGA_TIMEOUT = timedelta(minutes=5)
MIN_SAGA_TIMEOUT = timedelta(seconds=1)
MAX_SAGA_TIMEOUT = timedelta(days=1)

HOUR_RESERVATION = "hour_reservation"
BALANCE_DEBIT = "balance_debit"


class InvalidSagaTimeoutError(ValueError):
    pass


def validated_saga_timeout(timeout: timedelta) -> timedelta:
    """``timeout`` if it lies between ``MIN_SAGA_TIMEOUT`` and ``MAX_SAGA_TIMEOUT``."""
    if not MIN_SAGA_TIMEOUT <= timeout <= MAX_SAGA_TIMEOUT:
        raise InvalidSagaTimeoutError(
            f"the saga timeout must be between {MIN_SAGA_TIMEOUT.total_seconds():g} s and "
            f"{MAX_SAGA_TIMEOUT.total_seconds():g} s, got {timeout.total_seconds():g} s"
        )
    return timeout


def missing_answers(hour_reserved: bool, balance_debited: bool) -> tuple[str, ...]:
    """The answers a pending training still waits for (``HOUR_RESERVATION``, ``BALANCE_DEBIT``)."""
    return tuple(
        name for name, arrived in ((HOUR_RESERVATION, hour_reserved), (BALANCE_DEBIT, balance_debited)) if not arrived
    )
