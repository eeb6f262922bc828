"""The attendee trainings read model ports: one view per training, written from events
(``AttendeeTrainingsWriter``) and queried (``AttendeeTrainingsReader``).

Eventually consistent: it lags the trainings themselves (the API says so). ``stamps`` say
which event last set each part of the view, so the projection can ignore an older event
(see ``attendee_trainings_projection``).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from wild_workouts.shared_kernel.event_stamp import EventStamp


@dataclass(frozen=True, slots=True)
class ViewStamps:
    """The event that last set each part of a view (None: nothing yet, or a view projected
    before stamps existed)."""

    status: EventStamp | None = None
    """``status`` with ``rejection_reason``, ``rejection_code`` and ``refund``."""
    hour: EventStamp | None = None
    proposal: EventStamp | None = None
    """``proposed_hour`` and ``proposed_by``."""
    reschedule_failure: EventStamp | None = None
    """``last_reschedule_failure`` and its code."""


@dataclass(frozen=True, slots=True)
class TrainingView:
    training_id: str
    user_id: str
    user_name: str
    hour: datetime
    notes: str
    status: str
    rejection_reason: str | None = None
    refund: int | None = None
    proposed_hour: datetime | None = None
    proposed_by: str | None = None
    last_reschedule_failure: str | None = None
    rejection_code: str | None = None
    """A ``RejectionCode`` value, with ``rejection_reason``."""
    last_reschedule_failure_code: str | None = None
    """A ``RejectionCode`` value, with ``last_reschedule_failure``."""
    stamps: ViewStamps = ViewStamps()


class AttendeeTrainingsWriter(Protocol):
    """The write side (the projection), inside a unit of work: it reads the view it updates."""

    def get(self, training_id: str) -> TrainingView | None: ...

    def put(self, view: TrainingView) -> None: ...


class AttendeeTrainingsReader(Protocol):
    """The query side (the training queries)."""

    def get(self, training_id: str) -> TrainingView | None: ...

    def list_for_user(self, user_id: str) -> Sequence[TrainingView]: ...

    def list_all(self) -> Sequence[TrainingView]: ...
