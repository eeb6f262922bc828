"""The attributes of a redriven message: the original ones, without the dead-letter reason, plus
``redrive_count`` (incremented, so a message redriven twice says 2)."""

from __future__ import annotations

from collections.abc import Mapping

from ops.dlq.dead_letter_reason import PUBSUB_ATTRIBUTE_PREFIX
from pipeline_kit.deadletter.parking import REASON_KEYS

REDRIVE_COUNT = "redrive_count"
_DROPPED = frozenset((*REASON_KEYS, "original_attributes_truncated"))


def redrive_attributes(dead_letter_attributes: Mapping[str, str]) -> dict[str, str]:
    kept = {
        key: value
        for key, value in dead_letter_attributes.items()
        if key not in _DROPPED and not key.startswith(PUBSUB_ATTRIBUTE_PREFIX)
    }
    try:
        previous = int(dead_letter_attributes.get(REDRIVE_COUNT, "0") or "0")
    except ValueError:
        previous = 0
    kept[REDRIVE_COUNT] = str(previous + 1)
    return kept
