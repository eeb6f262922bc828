"""Which dead letters ``dlq redrive`` refuses, and why: a copy cut when it was parked, and an
event older than the redrive horizon.

The horizon: a consumer recognises an event it already applied by its processed marker, which
expires ``MARKER_TTL`` after it was written (Firestore TTL on ``expire_at``). A marker is written
no earlier than the event occurred, so while ``now - first_published < MARKER_TTL`` every marker of
the event still exists. No finite TTL could outlive every redrive instead: each redrive that
fails again restarts the dead-letter subscription's retention clock. So an event is redriven only
within ``REDRIVE_HORIZON`` (the TTL less a day: the copy may wait in its subscription behind a
stalled ordering key or a retry backoff before it is delivered, and clocks differ) of the
earliest time known for it: the envelope's ``occurred_at``, the ``first_published_at`` a
previous redrive stamped, the ``original_publish_time`` the kit parked, Pub/Sub's
``CloudPubSubDeadLetterSourceTopicPublishTime``, and the moment it was dead-lettered.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from ops.dlq.dead_letter_message import DeadLetterMessage
from pipeline_kit.deadletter.parking import ORIGINAL_SIZE, PARKED_TRUNCATED
from pipeline_kit.firestore.optimistic_unit_of_work import ProcessedMarker

MARKER_TTL: timedelta = ProcessedMarker(consumer="", event_id="").ttl
DELIVERY_MARGIN = timedelta(days=1)
REDRIVE_HORIZON = MARKER_TTL - DELIVERY_MARGIN

FIRST_PUBLISHED_AT = "first_published_at"
_TIME_ATTRIBUTES = (FIRST_PUBLISHED_AT, "original_publish_time", "CloudPubSubDeadLetterSourceTopicPublishTime")


def first_published_at(message: DeadLetterMessage) -> datetime:
    """The earliest time known for the event (never later than any of its processed markers)."""
    known = [message.dead_lettered_at, *(_parse(message.attributes.get(key)) for key in _TIME_ATTRIBUTES)]
    known.append(_occurred_at(message.data))
    return min(moment for moment in known if moment is not None)


def refusal(message: DeadLetterMessage, now: datetime) -> str | None:
    """Why this dead letter must not be redriven, or None."""
    if message.attributes.get(PARKED_TRUNCATED) == "true":
        size = message.attributes.get(ORIGINAL_SIZE, "?")
        return (
            f"the parked copy was cut to {len(message.data)} of {size} bytes: redriving it would publish a "
            "broken message (republish the original from its producer, e.g. outbox/<event_id>)"
        )
    published = first_published_at(message)
    if now - published > REDRIVE_HORIZON:
        return (
            f"first published {iso(published)}, {(now - published).days} days ago, past the "
            f"{REDRIVE_HORIZON.days}-day redrive horizon: processed markers expire after {MARKER_TTL.days} days, "
            "so the consumer may have applied it and forgotten (check its effect; republish by hand if missing)"
        )
    return None


def redrivable_until(message: DeadLetterMessage) -> datetime:
    return first_published_at(message) + REDRIVE_HORIZON


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _occurred_at(data: bytes) -> datetime | None:
    """The event envelope's ``occurred_at``, when the data is one."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return None
    value = document.get("occurred_at") if isinstance(document, dict) else None
    return _parse(value) if isinstance(value, str) else None
