"""Dead letters grouped by cause (``cause_fingerprint``): how many per group and the oldest age,
biggest group first (then the oldest, then the id, so the order is stable)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ops.dlq.cause_fingerprint import Cause, cause_of
from ops.dlq.dead_letter_message import DeadLetterMessage


@dataclass(frozen=True)
class CauseGroup:
    cause: Cause
    messages: int
    oldest_age_seconds: float


def cause_groups(messages: Iterable[DeadLetterMessage], now: datetime) -> list[CauseGroup]:
    counts: dict[str, int] = {}
    oldest: dict[str, float] = {}
    causes: dict[str, Cause] = {}
    for message in messages:
        cause = cause_of(message.attributes)
        causes[cause.group_id] = cause
        counts[cause.group_id] = counts.get(cause.group_id, 0) + 1
        oldest[cause.group_id] = max(oldest.get(cause.group_id, 0.0), message.age_seconds(now))
    groups = [CauseGroup(causes[g], counts[g], oldest[g]) for g in causes]
    return sorted(groups, key=lambda group: (-group.messages, -group.oldest_age_seconds, group.cause.group_id))
