"""Why the topics carry no Pub/Sub schema (docs/event-contracts.md), measured on the emulator.

The emulator supports what Terraform's ``google_pubsub_schema`` and a topic's ``schema_settings``
need (an Avro schema, revisions, a topic bound to it with JSON encoding, validation on publish).
But Pub/Sub schemas are Avro or protobuf, and the kit's wire format is a plain JSON envelope: an
Avro schema that describes the envelope as it is (an optional ``traceparent``, a payload that is
one of the topic's event types) accepts only the Avro-JSON encoding of a message (unions
wrapped as ``{"type": value}``), never the envelope the kit publishes. The envelope passes only a
schema that fixes one payload type and requires ``traceparent`` — not what a topic carries."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from google.api_core.exceptions import InvalidArgument

import wild_workouts.contracts
from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.events.event_envelope import EventEnvelope

pytestmark = pytest.mark.integration

SCHEMAS = Path(wild_workouts.contracts.__file__).parent / "schemas"
TRAINER_EVENTS = ("HourMadeAvailable", "HourMadeUnavailable", "HourReserved", "HourReservationRejected", "HourReleased")
AVRO_TYPES = {"string": "string", "integer": "long", "boolean": "boolean", "number": "double"}
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def _avro_payload(event_type: str) -> dict[str, Any]:
    """The Avro record of a committed JSON Schema (our payloads are flat, scalar, non-null)."""
    schema = json.loads((SCHEMAS / f"{event_type}.v2.json").read_text())
    fields = [{"name": name, "type": AVRO_TYPES[spec["type"]]} for name, spec in schema["properties"].items()]
    return {"type": "record", "name": event_type, "fields": fields}


def _avro_envelope(payload: object, traceparent: object) -> str:
    text = [{"name": name, "type": "string"} for name in ("event_id", "type")]
    more = [
        {"name": name, "type": "string"} for name in ("occurred_at", "correlation_id", "causation_id", "aggregate_id")
    ]
    fields = [*text, {"name": "version", "type": "long"}, *more, {"name": "payload", "type": payload}]
    fields.append(
        {"name": "traceparent", "type": traceparent, **({"default": None} if traceparent != "string" else {})}
    )
    return json.dumps({"type": "record", "name": "EventEnvelope", "fields": fields})


def _envelope(traceparent: str | None) -> EventEnvelope:
    payload = {"hour": "2026-12-01T13:00:00Z", "training_id": "t1", "hour_version": 3}
    at = datetime(2026, 12, 1, 12, tzinfo=UTC)
    return EventEnvelope("e1", "HourReserved", 2, at, "c1", "c1", "2026-12-01T13:00:00Z", payload, traceparent)


def _avro_json(envelope: EventEnvelope, *, wrap_payload: bool, wrap_traceparent: bool) -> bytes:
    document = envelope.to_document()
    if wrap_payload:
        document["payload"] = {envelope.type: document["payload"]}
    if wrap_traceparent:
        document["traceparent"] = {"string": document["traceparent"]}
    return json.dumps(document).encode()


class SchemaTopic:
    def __init__(self, unique: str, name: str, definition: str) -> None:
        from google.cloud import pubsub_v1  # type: ignore[attr-defined]
        from google.pubsub_v1 import SchemaServiceClient
        from google.pubsub_v1.types import Encoding, Schema

        project = os.environ["GOOGLE_CLOUD_PROJECT"]
        self.schemas = SchemaServiceClient()
        self.schema = self.schemas.create_schema(
            parent=f"projects/{project}",
            schema=Schema(type_=Schema.Type.AVRO, definition=definition),
            schema_id=f"envelope-{name}-{unique}",
        )
        self.publisher = pubsub_v1.PublisherClient()
        self.topic = f"projects/{project}/topics/schema-{name}-{unique}"
        settings = {"schema": self.schema.name, "encoding": Encoding.JSON}
        self.publisher.create_topic(request={"name": self.topic, "schema_settings": settings})

    def accepts(self, data: bytes) -> bool:
        try:
            self.publisher.publish(self.topic, data).result(timeout=30)
        except InvalidArgument:
            return False
        return True


def test_the_emulator_stores_schema_revisions_and_binds_a_topic(emulators: RunningEmulators, unique: str) -> None:
    topic = SchemaTopic(unique, "revisions", _avro_envelope(_avro_payload("HourReserved"), "string"))
    from google.pubsub_v1.types import Schema

    second = topic.schemas.commit_schema(
        name=topic.schema.name,
        schema=Schema(name=topic.schema.name, type_=Schema.Type.AVRO, definition=topic.schema.definition),
    )
    revisions = [revision.revision_id for revision in topic.schemas.list_schema_revisions(name=topic.schema.name)]
    assert revisions == [topic.schema.revision_id, second.revision_id]
    assert topic.publisher.get_topic(topic=topic.topic).schema_settings.schema == topic.schema.name
    assert not topic.accepts(b'{"not": "an envelope"}')


def test_the_envelope_passes_only_a_schema_that_fixes_its_payload_type(
    emulators: RunningEmulators, unique: str
) -> None:
    fixed = SchemaTopic(unique, "fixed", _avro_envelope(_avro_payload("HourReserved"), "string"))
    assert fixed.accepts(_envelope(TRACEPARENT).to_json_bytes())
    assert not fixed.accepts(_envelope(None).to_json_bytes()), "an envelope without traceparent"


def test_an_avro_schema_of_the_envelope_as_it_is_refuses_what_the_kit_publishes(
    emulators: RunningEmulators, unique: str
) -> None:
    union = [_avro_payload(name) for name in TRAINER_EVENTS]
    topic = SchemaTopic(unique, "union", _avro_envelope(union, ["null", "string"]))
    for traceparent in (TRACEPARENT, None):
        assert not topic.accepts(_envelope(traceparent).to_json_bytes())
    assert topic.accepts(_avro_json(_envelope(TRACEPARENT), wrap_payload=True, wrap_traceparent=True))
