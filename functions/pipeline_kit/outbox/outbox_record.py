"""An outbox document: one event waiting to be (or already) published.

Stored in ``outbox/<event_id>`` in the same commit as the state change that raised it.
``sent`` turns true once Pub/Sub accepted the message; ``expire_at`` is set then, for a
Firestore TTL policy that removes sent records. Unsent records carry no ``expire_at``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pipeline_kit.events.event_envelope import EventEnvelope, decode_envelope

OUTBOX_COLLECTION = "outbox"


@dataclass(frozen=True)
class OutboxRecord:
    envelope: EventEnvelope
    topic: str
    ordering_key: str
    created_at: datetime
    sequence: int = 0  # position among the events of one commit (they share created_at)

    def to_document(self) -> dict[str, Any]:
        return {
            "event_id": self.envelope.event_id,
            "event_type": self.envelope.type,
            "topic": self.topic,
            "ordering_key": self.ordering_key,
            "data": self.envelope.to_json_bytes(),
            "attributes": self.envelope.attributes(),
            "correlation_id": self.envelope.correlation_id,
            "causation_id": self.envelope.causation_id,
            "created_at": self.created_at,
            "sequence": self.sequence,
            "sent": False,
        }

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> OutboxRecord:
        attributes = {str(k): str(v) for k, v in dict(document.get("attributes") or {}).items()}
        return cls(
            envelope=decode_envelope(bytes(document["data"]), attributes),
            topic=str(document["topic"]),
            ordering_key=str(document.get("ordering_key") or ""),
            created_at=document["created_at"],
            sequence=int(document.get("sequence") or 0),
        )
