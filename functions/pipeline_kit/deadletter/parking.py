"""Park a message that can never be handled: publish it to the consumer's dead-letter topic.

The parked copy keeps the original data and attributes and adds the reason:
``error_class``, ``error_message`` (at most 1000 characters), ``consumer``,
``delivery_attempt``, ``source_subscription``, ``source_topic``, ``original_message_id``,
``parked_at``, and ``original_publish_time`` when known. Pub/Sub limits attributes (key ≤ 256
bytes, value ≤ 1024 bytes, ≤ 100 of them): oversized original attributes are cut and
``original_attributes_truncated`` says so.

Data over ``MAX_DATA_BYTES`` (room for the attributes within Pub/Sub's message limit) is cut
to it, and the copy says so: ``parked_truncated=true`` and ``original_size`` (bytes). A cut copy
is evidence, not a message: ``dlq show`` flags it and ``dlq redrive`` refuses it.

Returns only when Pub/Sub accepted the copy: the caller acks the original only then.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from pipeline_kit.pubsub.publisher import publish

REASON_KEYS = (
    "error_class",
    "error_message",
    "consumer",
    "delivery_attempt",
    "source_subscription",
    "source_topic",
    "original_message_id",
    "parked_at",
    "original_publish_time",
    "parked_truncated",
    "original_size",
)
PARKED_TRUNCATED = "parked_truncated"
ORIGINAL_SIZE = "original_size"
MAX_DATA_BYTES = 9 * 1024 * 1024
_MAX_KEY = 256
_MAX_VALUE = 1024
_MAX_ORIGINAL_ATTRIBUTES = 80


def parking_attributes(
    original: Mapping[str, str],
    *,
    error_class: str,
    error_message: str,
    consumer: str,
    delivery_attempt: int | None,
    source_subscription: str | None,
    source_topic: str | None,
    original_message_id: str | None,
    original_publish_time: str | None = None,
) -> dict[str, str]:
    attributes: dict[str, str] = {}
    truncated = False
    for key, value in list(original.items()):
        if len(attributes) >= _MAX_ORIGINAL_ATTRIBUTES or key in REASON_KEYS:
            truncated = True
            continue
        safe_key = _cut(str(key), _MAX_KEY)
        safe_value = _cut(str(value), _MAX_VALUE)
        truncated = truncated or safe_key != key or safe_value != value
        if safe_key:
            attributes[safe_key] = safe_value
    reason = {
        "error_class": error_class,
        "error_message": _cut(error_message, 1000),
        "consumer": consumer,
        "delivery_attempt": str(delivery_attempt) if delivery_attempt is not None else "",
        "source_subscription": source_subscription or "",
        "source_topic": source_topic or "",
        "original_message_id": original_message_id or "",
        "parked_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }
    if original_publish_time:
        reason["original_publish_time"] = original_publish_time
    attributes.update({k: _cut(v, _MAX_VALUE) for k, v in reason.items()})
    if truncated:
        attributes["original_attributes_truncated"] = "true"
    return attributes


def park(dead_letter_topic: str, data: bytes, attributes: Mapping[str, str]) -> str:
    """Publish the parked copy (data cut to ``MAX_DATA_BYTES``, and marked). Raises PublishFailed."""
    body, marked = parked_copy(data, attributes)
    return publish(dead_letter_topic, body, marked)


def parked_copy(data: bytes, attributes: Mapping[str, str]) -> tuple[bytes, dict[str, str]]:
    """The data and attributes that are parked: whole, or cut and marked ``parked_truncated``."""
    if len(data) <= MAX_DATA_BYTES:
        return data, dict(attributes)
    return data[:MAX_DATA_BYTES], {**attributes, PARKED_TRUNCATED: "true", ORIGINAL_SIZE: str(len(data))}


def _cut(text: str, limit: int) -> str:
    encoded = text.encode("utf-8", errors="replace")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")
