"""Value objects of a training's reschedule: an open proposal, and a move in flight."""

from dataclasses import dataclass
from datetime import datetime

from wild_workouts.shared_kernel.role import Role


@dataclass(frozen=True, slots=True)
class RescheduleProposal:
    """``proposed_by`` proposed ``new_hour``; only the other side may approve it."""

    new_hour: datetime
    proposed_by: Role


@dataclass(frozen=True, slots=True)
class PendingReschedule:
    """A move to ``new_hour`` waits for the trainer module to reserve it."""

    new_hour: datetime
    request_number: int
    requested_by: Role
