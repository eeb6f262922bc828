"""Which dead letters an operator means: by event type and by how long ago they were dead-lettered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ops.cli_support.operator_error import OperatorError
from ops.dlq.dead_letter_message import DeadLetterMessage

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")


def parse_age(text: str) -> float:
    """``90s``, ``15m``, ``2h``, ``7d`` → seconds. Raises OperatorError otherwise."""
    match = _DURATION.match(text.strip())
    if match is None:
        raise OperatorError(f"invalid age {text!r}: use a number and a unit s, m, h or d (e.g. 30m, 2h)")
    return float(match.group(1)) * _UNITS[match.group(2)]


@dataclass(frozen=True)
class MessageFilter:
    event_types: frozenset[str] = frozenset()
    older_than_seconds: float | None = None
    newer_than_seconds: float | None = None

    @classmethod
    def from_options(
        cls, event_types: tuple[str, ...], older_than: str | None, newer_than: str | None
    ) -> MessageFilter:
        return cls(
            event_types=frozenset(event_types),
            older_than_seconds=parse_age(older_than) if older_than else None,
            newer_than_seconds=parse_age(newer_than) if newer_than else None,
        )

    def matches(self, message: DeadLetterMessage, now: datetime) -> bool:
        if self.event_types and message.event_type not in self.event_types:
            return False
        age = message.age_seconds(now)
        if self.older_than_seconds is not None and age < self.older_than_seconds:
            return False
        return self.newer_than_seconds is None or age <= self.newer_than_seconds
