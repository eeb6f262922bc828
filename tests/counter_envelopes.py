"""A sample event envelope for the kit's tests (a counter increment; no domain involved)."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline_kit.events.event_envelope import EventEnvelope


def counter_envelope(event_id: str, aggregate_id: str | None = None) -> EventEnvelope:
    """``CounterIncremented`` v1 with id ``event_id`` (aggregate: ``aggregate_id`` or the id)."""
    return EventEnvelope(
        event_id=event_id,
        type="CounterIncremented",
        version=1,
        occurred_at=datetime.now(UTC),
        correlation_id="c-1",
        causation_id="r-1",
        aggregate_id=aggregate_id or event_id,
        payload={"n": 1},
    )
