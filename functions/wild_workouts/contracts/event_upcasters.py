"""Upcasters of the published events: each turns a payload of ``from_version`` into the next.

Why versions, not an optional field: the kit's payload codec is strict (unknown fields are
refused), so a field added to a payload is a new shape that an older reader cannot decode
anyway; the envelope's ``version`` says which shape a message has, and the registry brings
older ones up to date on read. Deploy the consumers before the producers of a new version.

Version 2 of the four rejection events adds ``reason_code`` (``RejectionCode``); a version 1
payload gets the code its ``reason`` sentence maps to (``code_for_reason``).

Version 2 of the four events that change a trainer hour adds ``hour_version``; a version 1
payload gets 0 ("no version known": it never overrides a versioned change in the calendar).

This module loads no contracts module (cold start): upcasters work on the JSON payload.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from wild_workouts.shared_kernel.rejection_code import code_for_reason

PayloadUpcaster = Callable[[Mapping[str, Any]], Mapping[str, Any]]


def add_reason_code(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    """v1 → v2 of a rejection event: ``reason_code`` classified from ``reason``."""
    reason = payload.get("reason")
    return {**payload, "reason_code": code_for_reason(reason if isinstance(reason, str) else None).value}


def add_unknown_hour_version(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    """v1 → v2 of an hour-changing trainer event: ``hour_version`` 0 (unknown, older than any version)."""
    return {**payload, "hour_version": 0}


UPCASTERS: tuple[tuple[str, int, PayloadUpcaster], ...] = (
    ("HourReservationRejected", 1, add_reason_code),
    ("TrainingBalanceDebitRejected", 1, add_reason_code),
    ("TrainingRejected", 1, add_reason_code),
    ("TrainingRescheduleFailed", 1, add_reason_code),
    ("HourMadeAvailable", 1, add_unknown_hour_version),
    ("HourMadeUnavailable", 1, add_unknown_hour_version),
    ("HourReserved", 1, add_unknown_hour_version),
    ("HourReleased", 1, add_unknown_hour_version),
)
"""``(event type, from version, upcaster)`` for the registry."""
