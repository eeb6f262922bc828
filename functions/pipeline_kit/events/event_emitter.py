"""Turn a payload into an envelope that inherits the current correlation id and trace,
and add it to the outbox of the unit of work in progress.

The outbox is anything with ``now`` and ``add_event`` (``EventOutbox``): the kit's
``firestore.optimistic_unit_of_work.UnitOfWorkAttempt`` is one, a unit test's list is another;
so events know nothing about Firestore (the kit's layers: events sit below firestore)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from pipeline_kit.events.event_envelope import EventEnvelope, new_event_id
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.observability.trace_context import current_context, new_span_id, new_trace_id


class EventOutbox(Protocol):
    """Where an emitted event goes: stored with the state change, published after the commit."""

    @property
    def now(self) -> datetime:
        """The attempt's clock reading: the envelope's ``occurred_at``."""
        ...

    def add_event(self, envelope: EventEnvelope, topic: str, ordering_key: str | None = None) -> object:
        """Store the envelope for ``topic`` in the same commit as the state change."""
        ...


class EventEmitter:
    """``emit(attempt, payload)``: envelope + outbox record, published after the commit."""

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

    def emit(self, attempt: EventOutbox, payload: Any) -> EventEnvelope:
        envelope = self.envelope(payload, now=attempt.now)
        attempt.add_event(envelope, self._topic_for(envelope.type), ordering_key=envelope.aggregate_id)
        return envelope
