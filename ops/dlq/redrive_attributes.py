"""The attributes of a redriven message: the original ones, without the dead-letter reason, plus
``redrive_count`` (incremented, so a message redriven twice says 2), ``redrive_target`` (the
consumer that failed it: every other consumer of the topic ignores the copy, and their
subscription filters drop it) and ``first_published_at`` (the earliest time known for the event,
kept across redrives so the redrive horizon is measured from it)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ops.dlq.dead_letter_reason import PUBSUB_ATTRIBUTE_PREFIX
from ops.dlq.redrive_refusal import FIRST_PUBLISHED_AT, iso
from pipeline_kit.deadletter.parking import REASON_KEYS
from pipeline_kit.routing.middlewares.redrive_targeting import ATTR_REDRIVE_TARGET

REDRIVE_COUNT = "redrive_count"
_DROPPED = frozenset((*REASON_KEYS, "original_attributes_truncated"))


def redrive_attributes(
    dead_letter_attributes: Mapping[str, str], *, target: str, first_published: datetime
) -> dict[str, str]:
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
    kept[ATTR_REDRIVE_TARGET] = target
    kept[FIRST_PUBLISHED_AT] = iso(first_published)
    return kept
