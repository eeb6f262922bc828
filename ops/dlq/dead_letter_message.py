"""A message pulled from a dead-letter subscription, with what an operator needs to see."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class DeadLetterMessage:
    ack_id: str
    message_id: str
    dead_lettered_at: datetime  # publish time in the dead-letter topic
    data: bytes
    attributes: dict[str, str] = field(default_factory=dict)
    ordering_key: str = ""

    @classmethod
    def from_received(cls, received: Any) -> DeadLetterMessage:
        """From a ``ReceivedMessage`` of a synchronous pull."""
        message = received.message
        published = message.publish_time
        if not isinstance(published, datetime):
            published = datetime.now(UTC)
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        return cls(
            ack_id=str(received.ack_id),
            message_id=str(message.message_id),
            dead_lettered_at=published,
            data=bytes(message.data),
            attributes={str(k): str(v) for k, v in message.attributes.items()},
            ordering_key=str(message.ordering_key or ""),
        )

    @property
    def event_type(self) -> str:
        return self.attributes.get("event_type", "")

    def age_seconds(self, now: datetime) -> float:
        return (now - self.dead_lettered_at).total_seconds()

    def payload_text(self) -> str:
        """The data as indented JSON when it is JSON, else as text, else as a bytes literal."""
        try:
            text = self.data.decode("utf-8")
        except UnicodeDecodeError:
            return repr(self.data[:2000])
        try:
            return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        except ValueError:
            return text
