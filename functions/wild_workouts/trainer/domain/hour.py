"""One trainer hour (aggregate, id = the ISO hour id) and its availability transitions.

- make available / make not available: refused while a training is scheduled in it;
- schedule a training: only from ``available``;
- cancel the training: only from ``training_scheduled``, back to ``available``.
Hours never set count as ``not_available``.

``version`` counts the hour's changes (0 for an hour never stored; +1 for every transition
that changes it). The repository writes the hour under the unit of work's ``update_time``
precondition, so two committed changes never share a version: the events report it
(``hour_version``) and the calendar read model keeps only the newest.
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
    version: int = 0

    @classmethod
    def create(cls, time: datetime, policy: HourPolicy, now: datetime) -> Hour:
        """A new, ``not_available`` hour; ``InvalidHourError`` if the policy refuses ``time``."""
        return cls(policy.validate(time, now), Availability.NOT_AVAILABLE, None)

    @classmethod
    def restore(cls, time: datetime, availability: Availability, training_id: str | None, version: int = 0) -> Hour:
        """Load a stored hour; only checks that the stored state is self-consistent (an
        hour stored before versions existed has version 0)."""
        utc = to_utc(time)
        if not is_full_hour(utc):
            raise ValueError(f"stored hour is not a full UTC hour: {format_utc(utc)}")
        if (availability is Availability.TRAINING_SCHEDULED) != (training_id is not None):
            raise ValueError(f"stored hour {format_utc(utc)} is {availability} with training {training_id!r}")
        if version < 0:
            raise ValueError(f"stored hour {format_utc(utc)} has a negative version {version}")
        return cls(utc, availability, training_id, version)

    @property
    def id(self) -> str:
        return hour_id(self.time)

    def make_available(self) -> bool:
        """True if the availability changed."""
        self._refuse_if_training_scheduled("make available")
        changed = self.availability is not Availability.AVAILABLE
        self._change(Availability.AVAILABLE, None, changed)
        return changed

    def make_not_available(self) -> bool:
        """True if the availability changed."""
        self._refuse_if_training_scheduled("make not available")
        changed = self.availability is not Availability.NOT_AVAILABLE
        self._change(Availability.NOT_AVAILABLE, None, changed)
        return changed

    def schedule_training(self, training_id: str) -> None:
        if self.availability is not Availability.AVAILABLE:
            raise HourNotAvailableError(
                f"hour {self.id} is {self.availability.value}; a training can only be scheduled in an available hour"
            )
        self._change(Availability.TRAINING_SCHEDULED, training_id, True)

    def cancel_training(self) -> str:
        """Back to ``available``; returns the id of the training that held the hour."""
        if self.training_id is None:
            raise NoTrainingScheduledError(
                f"hour {self.id} is {self.availability.value}; only an hour with a training "
                f"scheduled can have it canceled"
            )
        training_id = self.training_id
        self._change(Availability.AVAILABLE, None, True)
        return training_id

    def _change(self, availability: Availability, training_id: str | None, changed: bool) -> None:
        self.availability = availability
        self.training_id = training_id
        if changed:
            self.version += 1

    def _refuse_if_training_scheduled(self, action: str) -> None:
        if self.availability is Availability.TRAINING_SCHEDULED:
            raise HourHasTrainingScheduledError(
                f"cannot {action} hour {self.id}: training {self.training_id} is scheduled in it; "
                f"cancel the training first"
            )
