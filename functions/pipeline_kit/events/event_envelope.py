"""The one envelope every event travels in, and its Pub/Sub encoding.

On the wire the message *data* is the JSON envelope; the message *attributes* repeat the
fields that routing, filtering, deduplication and tracing need without decoding the data:
``event_type``, ``event_version``, ``event_id``, ``correlation_id``, ``causation_id``,
``aggregate_id`` and, when known, ``traceparent``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

ATTR_EVENT_TYPE = "event_type"
ATTR_EVENT_VERSION = "event_version"
ATTR_EVENT_ID = "event_id"
ATTR_CORRELATION_ID = "correlation_id"
ATTR_CAUSATION_ID = "causation_id"
ATTR_AGGREGATE_ID = "aggregate_id"
ATTR_TRACEPARENT = "traceparent"


class MalformedEnvelope(ValueError):
    """The message data is not a valid event envelope (permanent: it can never be handled)."""


@dataclass(frozen=True, slots=True)
class EventEnvelope:
    event_id: str
    type: str
    version: int
    occurred_at: datetime
    correlation_id: str
    causation_id: str
    aggregate_id: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    traceparent: str | None = None

    def to_json_bytes(self) -> bytes:
        return json.dumps(self.to_document(), separators=(",", ":"), sort_keys=True).encode()

    def to_document(self) -> dict[str, Any]:
        """A JSON-ready dict (timestamps as ISO 8601 strings)."""
        return {
            "event_id": self.event_id,
            "type": self.type,
            "version": self.version,
            "occurred_at": self.occurred_at.isoformat().replace("+00:00", "Z"),
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
            "aggregate_id": self.aggregate_id,
            "payload": dict(self.payload),
            **({"traceparent": self.traceparent} if self.traceparent else {}),
        }

    def attributes(self) -> dict[str, str]:
        attributes = {
            ATTR_EVENT_TYPE: self.type,
            ATTR_EVENT_VERSION: str(self.version),
            ATTR_EVENT_ID: self.event_id,
            ATTR_CORRELATION_ID: self.correlation_id,
            ATTR_CAUSATION_ID: self.causation_id,
            ATTR_AGGREGATE_ID: self.aggregate_id,
        }
        if self.traceparent:
            attributes[ATTR_TRACEPARENT] = self.traceparent
        return attributes

    def with_payload(self, payload: Mapping[str, Any], version: int) -> EventEnvelope:
        return replace(self, payload=payload, version=version)


def new_event_id() -> str:
    return str(uuid.uuid4())


def decode_envelope(data: bytes, attributes: Mapping[str, str]) -> EventEnvelope:
    """Decode message data into an envelope. Raises MalformedEnvelope with the reason.

    A ``traceparent`` attribute wins over one in the data (the publisher's current span).
    """
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MalformedEnvelope(f"message data is not UTF-8 JSON: {error}") from None
    if not isinstance(document, dict):
        raise MalformedEnvelope(f"message data must be a JSON object, got {type(document).__name__}")
    try:
        envelope = EventEnvelope(
            event_id=_text(document, "event_id"),
            type=_text(document, "type"),
            version=_version(document.get("version")),
            occurred_at=_timestamp(document.get("occurred_at")),
            correlation_id=_text(document, "correlation_id"),
            causation_id=_text(document, "causation_id"),
            aggregate_id=_text(document, "aggregate_id"),
            payload=_payload(document.get("payload")),
            traceparent=attributes.get(ATTR_TRACEPARENT) or _optional_text(document, "traceparent"),
        )
    except MalformedEnvelope:
        raise
    attribute_type = attributes.get(ATTR_EVENT_TYPE)
    if attribute_type is not None and attribute_type != envelope.type:
        raise MalformedEnvelope(
            f"attribute event_type {attribute_type!r} disagrees with the envelope type {envelope.type!r}"
        )
    return envelope


def _text(document: Mapping[str, Any], key: str) -> str:
    value = document.get(key)
    if not isinstance(value, str) or not value or len(value) > 200:
        raise MalformedEnvelope(f"envelope field {key!r} must be a non-empty string of at most 200 characters")
    return value


def _optional_text(document: Mapping[str, Any], key: str) -> str | None:
    value = document.get(key)
    return value if isinstance(value, str) and value else None


def _version(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise MalformedEnvelope(f"envelope field 'version' must be a positive integer, got {value!r}")
    return value


def _timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise MalformedEnvelope("envelope field 'occurred_at' must be an ISO 8601 timestamp string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise MalformedEnvelope(f"envelope field 'occurred_at' is not ISO 8601: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise MalformedEnvelope("envelope field 'occurred_at' must carry a time zone")
    return parsed.astimezone(UTC)


def _payload(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedEnvelope("envelope field 'payload' must be a JSON object")
    return value
