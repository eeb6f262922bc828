"""Stable codes for why a booking was rejected or a move failed (part of events and the API).

Events carry the code as a string next to the free-text ``reason``; a code this version does
not know reads as ``UNKNOWN``. Reasons written before the codes existed (version 1 events,
stored trainings and reservation answers) are classified by :func:`code_for_reason`, which
recognises the sentences the modules wrote then; anything else is ``UNKNOWN``.
"""

from __future__ import annotations

import re
from enum import StrEnum


class RejectionCode(StrEnum):
    HOUR_NOT_AVAILABLE = "hour_not_available"
    """The hour was taken by another training, or is not open."""
    HOUR_IN_PAST = "hour_in_past"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    TRAINING_CLOSED = "training_closed"
    """The training was already rejected or canceled when the request was answered."""
    TIMED_OUT = "timed_out"
    """The saga's answers did not all arrive before its deadline (the booking was given back)."""
    UNKNOWN = "unknown"


def rejection_code_of(code: str | None) -> RejectionCode:
    """The code named ``code``; ``UNKNOWN`` for None or a name this version does not know."""
    try:
        return RejectionCode(code or "")
    except ValueError:
        return RejectionCode.UNKNOWN


_LEGACY_REASONS: tuple[tuple[re.Pattern[str], RejectionCode], ...] = (
    (re.compile(r"already closed"), RejectionCode.TRAINING_CLOSED),
    (re.compile(r"not in the future|in the past"), RejectionCode.HOUR_IN_PAST),
    (re.compile(r"\bis (not_available|training_scheduled)\b|not available"), RejectionCode.HOUR_NOT_AVAILABLE),
    (re.compile(r"balance"), RejectionCode.INSUFFICIENT_BALANCE),
)


def code_for_reason(reason: str | None) -> RejectionCode:
    """Classify a free-text reason written without a code (see the module docstring)."""
    if not reason:
        return RejectionCode.UNKNOWN
    for pattern, code in _LEGACY_REASONS:
        if pattern.search(reason):
            return code
    return RejectionCode.UNKNOWN
