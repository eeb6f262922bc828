"""Events published by the trainings module (topic ``trainings-events``).

The aggregate id (and ordering key) of every trainings event is the training id: the
events of one training reach each consumer in order. ``canceled_by``, ``requested_by``,
``proposed_by`` and ``rejected_by`` hold a role value (``"attendee"`` or ``"trainer"``).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class TrainingScheduleRequested:
    """An attendee asked for a training; trainer reserves the hour, users debits one training."""

    event_type: ClassVar[str] = "TrainingScheduleRequested"
    version: ClassVar[int] = 1

    training_id: str
    hour: datetime
    user_id: str
    user_name: str
    notes: str

    @property
    def aggregate_id(self) -> str:
        return self.training_id


@dataclass(frozen=True, slots=True)
class TrainingScheduled:
    """The hour was reserved and the balance debited: the training is booked."""

    event_type: ClassVar[str] = "TrainingScheduled"
    version: ClassVar[int] = 1

    training_id: str
    hour: datetime
    user_id: str

    @property
    def aggregate_id(self) -> str:
        return self.training_id


@dataclass(frozen=True, slots=True)
class TrainingRejected:
    """The training could not be booked. Consumers compensate what they did for it."""

    event_type: ClassVar[str] = "TrainingRejected"
    version: ClassVar[int] = 2

    training_id: str
    hour: datetime
    user_id: str
    reason: str
    reason_code: str
    """A ``RejectionCode`` value (version 2; version 1 had only ``reason``)."""

    @property
    def aggregate_id(self) -> str:
        return self.training_id


@dataclass(frozen=True, slots=True)
class TrainingCanceled:
    """The training was canceled; ``refund`` (0, 1 or 2) trainings go back to the attendee."""

    event_type: ClassVar[str] = "TrainingCanceled"
    version: ClassVar[int] = 1

    training_id: str
    hour: datetime
    user_id: str
    refund: int
    canceled_by: str

    @property
    def aggregate_id(self) -> str:
        return self.training_id


@dataclass(frozen=True, slots=True)
class TrainingRescheduleRequested:
    """Move the training: the trainer module must reserve ``new_hour`` first.

    ``request_number`` counts the reschedules of this training (1, 2, ...) so a consumer
    can tell a duplicate of this request from a later request for the same hours.
    """

    event_type: ClassVar[str] = "TrainingRescheduleRequested"
    version: ClassVar[int] = 1

    training_id: str
    old_hour: datetime
    new_hour: datetime
    request_number: int
    requested_by: str

    @property
    def aggregate_id(self) -> str:
        return self.training_id


@dataclass(frozen=True, slots=True)
class TrainingRescheduled:
    """The training moved to ``new_hour``; the trainer releases ``old_hour``."""

    event_type: ClassVar[str] = "TrainingRescheduled"
    version: ClassVar[int] = 1

    training_id: str
    old_hour: datetime
    new_hour: datetime

    @property
    def aggregate_id(self) -> str:
        return self.training_id


@dataclass(frozen=True, slots=True)
class TrainingRescheduleFailed:
    """The move to ``new_hour`` failed; the training keeps its time. ``reason`` says why."""

    event_type: ClassVar[str] = "TrainingRescheduleFailed"
    version: ClassVar[int] = 2

    training_id: str
    new_hour: datetime
    reason: str
    reason_code: str
    """A ``RejectionCode`` value (version 2; version 1 had only ``reason``)."""

    @property
    def aggregate_id(self) -> str:
        return self.training_id


@dataclass(frozen=True, slots=True)
class TrainingRescheduleProposed:
    """One side proposed a new time; only the other side can approve it."""

    event_type: ClassVar[str] = "TrainingRescheduleProposed"
    version: ClassVar[int] = 1

    training_id: str
    new_hour: datetime
    proposed_by: str

    @property
    def aggregate_id(self) -> str:
        return self.training_id


@dataclass(frozen=True, slots=True)
class TrainingRescheduleProposalRejected:
    event_type: ClassVar[str] = "TrainingRescheduleProposalRejected"
    version: ClassVar[int] = 1

    training_id: str
    new_hour: datetime
    rejected_by: str

    @property
    def aggregate_id(self) -> str:
        return self.training_id


TrainingsEvent = (
    TrainingScheduleRequested
    | TrainingScheduled
    | TrainingRejected
    | TrainingCanceled
    | TrainingRescheduleRequested
    | TrainingRescheduled
    | TrainingRescheduleFailed
    | TrainingRescheduleProposed
    | TrainingRescheduleProposalRejected
)

TRAININGS_EVENT_TYPES: tuple[type[TrainingsEvent], ...] = (
    TrainingScheduleRequested,
    TrainingScheduled,
    TrainingRejected,
    TrainingCanceled,
    TrainingRescheduleRequested,
    TrainingRescheduled,
    TrainingRescheduleFailed,
    TrainingRescheduleProposed,
    TrainingRescheduleProposalRejected,
)
