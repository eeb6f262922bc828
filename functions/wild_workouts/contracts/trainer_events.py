"""Events published by the trainer module (topic ``trainer-events``).

The aggregate id (and ordering key) of every trainer event is the hour id
(``2026-12-01T13:00:00Z``). Order of delivery is not guaranteed (the sweeper's republish,
``dlq redrive``): the four events that change an hour carry ``hour_version``, the hour's
version after the change (1, 2, ... per hour, one per committed change), so a consumer can
ignore an older change. ``hour_version`` 0 means "no version known": an answer repeated
without a change, or an event published as version 1 (before versions); it never overrides
a versioned change.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from wild_workouts.shared_kernel.utc_hour import hour_id


@dataclass(frozen=True, slots=True)
class HourMadeAvailable:
    event_type: ClassVar[str] = "HourMadeAvailable"
    version: ClassVar[int] = 2

    hour: datetime
    hour_version: int
    """The hour's version after this change (version 2; 0 = unknown, see the module docstring)."""

    @property
    def aggregate_id(self) -> str:
        return hour_id(self.hour)


@dataclass(frozen=True, slots=True)
class HourMadeUnavailable:
    event_type: ClassVar[str] = "HourMadeUnavailable"
    version: ClassVar[int] = 2

    hour: datetime
    hour_version: int
    """The hour's version after this change (version 2; 0 = unknown, see the module docstring)."""

    @property
    def aggregate_id(self) -> str:
        return hour_id(self.hour)


@dataclass(frozen=True, slots=True)
class HourReserved:
    """The hour is now held for the training (answer to a schedule or reschedule request)."""

    event_type: ClassVar[str] = "HourReserved"
    version: ClassVar[int] = 2

    hour: datetime
    training_id: str
    hour_version: int
    """The hour's version after this change (version 2; 0 = unknown, see the module docstring)."""

    @property
    def aggregate_id(self) -> str:
        return hour_id(self.hour)


@dataclass(frozen=True, slots=True)
class HourReservationRejected:
    """The hour could not be reserved for the training; ``reason`` says why, ``reason_code``
    classifies it (``hour_not_available``, ``hour_in_past``, ``training_closed``)."""

    event_type: ClassVar[str] = "HourReservationRejected"
    version: ClassVar[int] = 2

    hour: datetime
    training_id: str
    reason: str
    reason_code: str
    """A ``RejectionCode`` value (version 2; version 1 had only ``reason``)."""

    @property
    def aggregate_id(self) -> str:
        return hour_id(self.hour)


@dataclass(frozen=True, slots=True)
class HourReleased:
    """The hour held for the training is available again."""

    event_type: ClassVar[str] = "HourReleased"
    version: ClassVar[int] = 2

    hour: datetime
    training_id: str
    hour_version: int
    """The hour's version after this change (version 2; 0 = unknown, see the module docstring)."""

    @property
    def aggregate_id(self) -> str:
        return hour_id(self.hour)


TrainerEvent = HourMadeAvailable | HourMadeUnavailable | HourReserved | HourReservationRejected | HourReleased

TRAINER_EVENT_TYPES: tuple[type[TrainerEvent], ...] = (
    HourMadeAvailable,
    HourMadeUnavailable,
    HourReserved,
    HourReservationRejected,
    HourReleased,
)
