"""Poison messages published straight to the topics, and where each must end up.

Kinds (none carries an ``event_type`` attribute, so every consumer decodes the data):

- ``undecodable``: bytes that are not UTF-8 JSON → every consumer of the topic parks it
  (``MalformedEnvelope``);
- ``invalid_payload``: a well-formed envelope of a handled type with an empty payload → each
  consumer handling that type parks it (``InvalidEventPayload``), the others ignore it;
- ``unsupported_version``: a handled type at version 99 → parked (``UnsupportedEventVersion``)
  by each consumer handling it;
- ``unknown_type``: an envelope of a type nobody registered → parked (``UnknownEventType``)
  by every consumer of the topic.

Each copy carries a ``poison_id`` attribute, which parking keeps.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from ops.local_stack.topology import Topology

KINDS = ("undecodable", "invalid_payload", "unsupported_version", "unknown_type")
EXPECTED_ERROR_CLASS = {
    "undecodable": "MalformedEnvelope",
    "invalid_payload": "InvalidEventPayload",
    "unsupported_version": "UnsupportedEventVersion",
    "unknown_type": "UnknownEventType",
}


@dataclass(frozen=True)
class PoisonMessage:
    poison_id: str
    kind: str
    topic: str
    event_type: str
    data: bytes


def poison_message(kind: str, topic: str, topology: Topology) -> PoisonMessage:
    handled = sorted({t for c in topology.consumers if c.topic == topic for t in c.event_types})
    event_type = {"unknown_type": "PoisonNobodyRegistered", "undecodable": ""}.get(kind, handled[0])
    poison_id = f"poison-{kind}-{uuid.uuid4().hex[:10]}"
    if kind == "undecodable":
        return PoisonMessage(poison_id, kind, topic, "", b"\xff\xfe{not json " + poison_id.encode())
    envelope = {
        "event_id": str(uuid.uuid4()),
        "type": event_type,
        "version": 99 if kind == "unsupported_version" else 1,
        "occurred_at": datetime.now(UTC).isoformat(),
        "correlation_id": poison_id,
        "causation_id": poison_id,
        "aggregate_id": poison_id,
        "payload": {} if kind == "invalid_payload" else {"anything": poison_id},
    }
    return PoisonMessage(poison_id, kind, topic, event_type, json.dumps(envelope).encode())


def expected_dead_letters(poison: list[PoisonMessage], topology: Topology) -> Counter[tuple[str, str]]:
    """(consumer, poison_id) → 1 for every parked copy that must exist."""
    expected: Counter[tuple[str, str]] = Counter()
    for message in poison:
        for consumer in topology.consumers:
            if consumer.topic != message.topic:
                continue
            if message.kind in ("undecodable", "unknown_type") or message.event_type in consumer.event_types:
                expected[(consumer.name, message.poison_id)] += 1
    return expected


def publish_poison(project: str, message: PoisonMessage) -> None:
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    publisher = pubsub_v1.PublisherClient()
    publisher.publish(publisher.topic_path(project, message.topic), message.data, poison_id=message.poison_id).result(
        timeout=30
    )
