"""Valid event envelopes for each target, built with the kit's EventEnvelope and the Wild
Workouts registry, with the Firestore document each one's effect lands in.

Every event is new (fresh ids, a fresh hour or a fresh user/training): a repeat would be a
duplicate, which the project acks without work.
"""

from __future__ import annotations

import base64
import itertools
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.targets import Target
from pipeline_kit.events.event_envelope import EventEnvelope, new_event_id
from wild_workouts.bootstrap import event_registry
from wild_workouts.contracts.trainer_events import HourMadeAvailable
from wild_workouts.contracts.trainings_events import TrainingScheduleRequested

FIRST_HOUR = datetime(2030, 1, 1, tzinfo=UTC)
ACCOUNTS_COLLECTION = "users_accounts"


@dataclass(frozen=True)
class BenchEvent:
    data: bytes
    attributes: dict[str, str]
    effect_document: str
    user_id: str | None = None

    def wrapped_push_body(self, subscription: str = "projects/bench/subscriptions/bench") -> bytes:
        message = {
            "data": base64.b64encode(self.data).decode("ascii"),
            "attributes": self.attributes,
            "messageId": uuid.uuid4().hex,
            "publishTime": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        }
        return json.dumps({"message": message, "subscription": subscription}).encode()


class EventSource:
    """Fresh events for one target, numbered across the whole run."""

    def __init__(self, target: Target, tag: str) -> None:
        self.target = target
        self._tag = tag
        self._numbers = itertools.count()

    def take(self, count: int) -> list[BenchEvent]:
        return [self._event(next(self._numbers)) for _ in range(count)]

    def _event(self, number: int) -> BenchEvent:
        if self.target.ledger_events:
            user_id, training_id = f"{self._tag}-u{number}", f"{self._tag}-t{number}"
            hour = FIRST_HOUR + timedelta(hours=number)
            payload: Any = TrainingScheduleRequested(training_id, hour, user_id, "Bench User", "")
            envelope = _envelope(payload)
            return BenchEvent(envelope.to_json_bytes(), envelope.attributes(), f"{user_id}__{training_id}", user_id)
        envelope = _envelope(HourMadeAvailable(FIRST_HOUR + timedelta(hours=number), 1))
        return BenchEvent(envelope.to_json_bytes(), envelope.attributes(), envelope.aggregate_id)


def _envelope(payload: Any) -> EventEnvelope:
    event_type, version, document = event_registry().encode_payload(payload)
    event_id = new_event_id()
    trace_id, span_id = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    return EventEnvelope(
        event_id=event_id,
        type=event_type,
        version=version,
        occurred_at=datetime.now(UTC),
        correlation_id=event_id,
        causation_id=event_id,
        aggregate_id=str(payload.aggregate_id),
        payload=document,
        traceparent=f"00-{trace_id}-{span_id}-01",
    )


def fund_users(db: Any, events: list[BenchEvent]) -> None:
    """Give each event's user a balance of 1 (``users_accounts`` documents, written directly)."""
    users = [event.user_id for event in events if event.user_id is not None]
    for start in range(0, len(users), 400):
        batch = db.batch()
        for user_id in users[start : start + 400]:
            batch.set(db.collection(ACCOUNTS_COLLECTION).document(user_id), {"user_id": user_id, "balance": 1})
        batch.commit()
