"""What the trainer module knows about one training (aggregate, id = training id).

This is the trainer side of the scheduling saga's state, kept so that every order of
arrival converges:
- ``held_hours``: the hours currently reserved for the training (its hour, plus the new
  hour while a reschedule is in flight);
- ``closed``: the training was rejected or canceled; every later request for it is
  answered with a rejection and has no effect;
- ``answers``: the answer given to each reservation request (``None`` = reserved, else the
  rejection reason), keyed by :func:`schedule_request_key` / :func:`reschedule_request_key`,
  so a duplicate request is answered again the same way and never reserves twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wild_workouts.shared_kernel.utc_hour import to_utc


def schedule_request_key() -> str:
    return "schedule"


def reschedule_request_key(request_number: int) -> str:
    return f"reschedule-{request_number}"


@dataclass(slots=True)
class TrainingReservations:
    training_id: str
    held_hours: list[datetime] = field(default_factory=list)
    closed: bool = False
    answers: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def open(cls, training_id: str) -> TrainingReservations:
        return cls(training_id)

    @classmethod
    def restore(
        cls,
        training_id: str,
        held_hours: list[datetime],
        closed: bool,
        answers: dict[str, str | None],
    ) -> TrainingReservations:
        if closed and held_hours:
            raise ValueError(f"stored training {training_id} is closed but still holds hours")
        return cls(training_id, [to_utc(hour) for hour in held_hours], closed, dict(answers))

    def holds(self, hour: datetime) -> bool:
        return to_utc(hour) in self.held_hours

    def record_reserved(self, request_key: str, hour: datetime) -> None:
        self.answers[request_key] = None
        if not self.holds(hour):
            self.held_hours.append(to_utc(hour))

    def record_rejected(self, request_key: str, reason: str) -> None:
        self.answers[request_key] = reason

    def record_released(self, hour: datetime) -> None:
        self.held_hours = [held for held in self.held_hours if held != to_utc(hour)]

    def close(self) -> list[datetime]:
        """Mark closed; returns the hours that were held (the caller releases them)."""
        held, self.held_hours = self.held_hours, []
        self.closed = True
        return held
