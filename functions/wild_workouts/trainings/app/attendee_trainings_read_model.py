"""The attendee trainings read model port: one view per training, updated from events.

Eventually consistent: it lags the trainings themselves (the API says so).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


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


class AttendeeTrainingsReadModel(Protocol):
    def get(self, training_id: str) -> TrainingView | None: ...

    def put(self, view: TrainingView) -> None: ...

    def list_for_user(self, user_id: str) -> Sequence[TrainingView]: ...

    def list_all(self) -> Sequence[TrainingView]: ...
