"""Query port: the scheduling sagas still pending (for the timeouts and ``ops sagas``).

Both reads are eventually consistent lists taken outside any transaction: a saga listed may
have settled since, so whoever acts on one re-reads the training in its own unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PendingSaga:
    training_id: str
    user_id: str
    hour: datetime
    requested_at: datetime | None
    """None for a training stored before deadlines existed."""
    deadline_at: datetime | None
    """None for a training stored before deadlines existed: it never times out by itself."""
    missing: tuple[str, ...]
    """The answers still awaited (``saga_deadline.HOUR_RESERVATION`` / ``BALANCE_DEBIT``)."""

    def age(self, now: datetime) -> timedelta | None:
        return None if self.requested_at is None else now - self.requested_at

    def is_overdue(self, now: datetime) -> bool:
        return self.deadline_at is not None and now >= self.deadline_at


class PendingSagas(Protocol):
    def overdue_ids(self, now: datetime, limit: int) -> list[str]:
        """Ids of pending trainings whose deadline is at or before ``now`` (at most ``limit``)."""
        ...

    def pending(self, limit: int) -> list[PendingSaga]:
        """Every pending training (at most ``limit``), oldest request first (those stored before
        deadlines existed, with no request time, before all)."""
        ...
