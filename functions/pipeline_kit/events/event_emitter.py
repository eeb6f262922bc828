"""Turn a payload into an envelope that inherits the current correlation id and trace,
and add it to the outbox of the unit of work in progress."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pipeline_kit.events.event_envelope import EventEnvelope, new_event_id
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from pipeline_kit.observability.trace_context import current_context, new_span_id, new_trace_id


class EventEmitter:
    """``emit(uow, payload)``: envelope + outbox record, published after the commit."""

    def __init__(self, registry: EventRegistry, topic_for: Callable[[str], str]) -> None:
        self.registry = registry
        self._topic_for = topic_for

    def envelope(self, payload: Any, *, now: datetime | None = None) -> EventEnvelope:
        event_type, version, document = self.registry.encode_payload(payload)
        context = current_context()
        event_id = new_event_id()
        if context is not None:
            correlation_id, causation_id = context.correlation_id, context.causation_id
            traceparent = context.trace.header()
        else:
            correlation_id, causation_id = event_id, event_id
            traceparent = f"00-{new_trace_id()}-{new_span_id()}-01"
        return EventEnvelope(
            event_id=event_id,
            type=event_type,
            version=version,
            occurred_at=now or datetime.now(UTC),
            correlation_id=correlation_id,
            causation_id=causation_id,
            aggregate_id=str(payload.aggregate_id),
            payload=document,
            traceparent=traceparent,
        )

    def emit(self, uow: UnitOfWorkAttempt, payload: Any) -> EventEnvelope:
        envelope = self.envelope(payload, now=uow.now)
        uow.add_event(envelope, self._topic_for(envelope.type), ordering_key=envelope.aggregate_id)
        return envelope
