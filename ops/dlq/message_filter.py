"""Which dead letters an operator means: by event type, by cause group (``dlq list`` shows the ids)
and by how long ago they were dead-lettered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ops.cli_support.operator_error import OperatorError
from ops.dlq.cause_fingerprint import GROUP_ID_LENGTH, cause_of
from ops.dlq.dead_letter_message import DeadLetterMessage

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_GROUP = re.compile(rf"^[0-9a-f]{{{GROUP_ID_LENGTH}}}$")


def parse_age(text: str) -> float:
    """``90s``, ``15m``, ``2h``, ``7d`` → seconds. Raises OperatorError otherwise."""
    match = _DURATION.match(text.strip())
    if match is None:
        raise OperatorError(f"invalid age {text!r}: use a number and a unit s, m, h or d (e.g. 30m, 2h)")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_group(text: str) -> str:
    """A cause group id as ``dlq list`` prints it (8 hex digits). Raises OperatorError otherwise."""
    group = text.strip().lower()
    if _GROUP.match(group) is None:
        raise OperatorError(
            f"invalid group {text!r}: use the {GROUP_ID_LENGTH}-hex-digit id `python -m ops dlq list` shows"
        )
    return group


@dataclass(frozen=True)
class MessageFilter:
    event_types: frozenset[str] = frozenset()
    older_than_seconds: float | None = None
    newer_than_seconds: float | None = None
    group: str | None = None

    @classmethod
    def from_options(
        cls, event_types: tuple[str, ...], older_than: str | None, newer_than: str | None, group: str | None = None
    ) -> MessageFilter:
        return cls(
            event_types=frozenset(event_types),
            older_than_seconds=parse_age(older_than) if older_than else None,
            newer_than_seconds=parse_age(newer_than) if newer_than else None,
            group=parse_group(group) if group else None,
        )

    def matches(self, message: DeadLetterMessage, now: datetime) -> bool:
        if self.event_types and message.event_type not in self.event_types:
            return False
        if self.group is not None and cause_of(message.attributes).group_id != self.group:
            return False
        age = message.age_seconds(now)
        if self.older_than_seconds is not None and age < self.older_than_seconds:
            return False
        return self.newer_than_seconds is None or age <= self.newer_than_seconds
