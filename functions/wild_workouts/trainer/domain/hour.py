"""One trainer hour (aggregate, id = the ISO hour id) and its availability transitions.

- make available / make not available: refused while a training is scheduled in it;
- schedule a training: only from ``available``;
- cancel the training: only from ``training_scheduled``, back to ``available``.
Hours never set count as ``not_available``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wild_workouts.shared_kernel.utc_hour import format_utc, hour_id, is_full_hour, to_utc
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.errors import (
    HourHasTrainingScheduledError,
    HourNotAvailableError,
    NoTrainingScheduledError,
)
from wild_workouts.trainer.domain.hour_policy import HourPolicy


@dataclass(slots=True)
class Hour:
    """Build with :meth:`create` (validated by the policy) or :meth:`restore` (from storage)."""

    time: datetime
    availability: Availability
    training_id: str | None

    @classmethod
    def create(cls, time: datetime, policy: HourPolicy, now: datetime) -> Hour:
        """A new, ``not_available`` hour; ``InvalidHourError`` if the policy refuses ``time``."""
        return cls(policy.validate(time, now), Availability.NOT_AVAILABLE, None)

    @classmethod
    def restore(cls, time: datetime, availability: Availability, training_id: str | None) -> Hour:
        """Load a stored hour; only checks that the stored state is self-consistent."""
        utc = to_utc(time)
        if not is_full_hour(utc):
            raise ValueError(f"stored hour is not a full UTC hour: {format_utc(utc)}")
        if (availability is Availability.TRAINING_SCHEDULED) != (training_id is not None):
            raise ValueError(f"stored hour {format_utc(utc)} is {availability} with training {training_id!r}")
        return cls(utc, availability, training_id)

    @property
    def id(self) -> str:
        return hour_id(self.time)

    def make_available(self) -> bool:
        """True if the availability changed."""
        self._refuse_if_training_scheduled("make available")
        changed = self.availability is not Availability.AVAILABLE
        self.availability = Availability.AVAILABLE
        return changed

    def make_not_available(self) -> bool:
        """True if the availability changed."""
        self._refuse_if_training_scheduled("make not available")
        changed = self.availability is not Availability.NOT_AVAILABLE
        self.availability = Availability.NOT_AVAILABLE
        return changed

    def schedule_training(self, training_id: str) -> None:
        if self.availability is not Availability.AVAILABLE:
            raise HourNotAvailableError(
                f"hour {self.id} is {self.availability.value}; a training can only be scheduled in an available hour"
            )
        self.availability = Availability.TRAINING_SCHEDULED
        self.training_id = training_id

    def cancel_training(self) -> str:
        """Back to ``available``; returns the id of the training that held the hour."""
        if self.training_id is None:
            raise NoTrainingScheduledError(
                f"hour {self.id} is {self.availability.value}; only an hour with a training "
                f"scheduled can have it canceled"
            )
        training_id = self.training_id
        self.availability = Availability.AVAILABLE
        self.training_id = None
        return training_id

    def _refuse_if_training_scheduled(self, action: str) -> None:
        if self.availability is Availability.TRAINING_SCHEDULED:
            raise HourHasTrainingScheduledError(
                f"cannot {action} hour {self.id}: training {self.training_id} is scheduled in it; "
                f"cancel the training first"
            )
