"""The last step: run the handler in an optimistic unit of work with a processed marker,
then publish the events it raised (the outbox fast path).

- first delivery: handler effects + outbox records + marker commit atomically, then the
  events are published and marked sent → ``handled``;
- redelivery or double publish (same event id): nothing runs; events this event raised that
  are still unsent (a publish failed after the commit) are published now → ``duplicate``;
- a publish failure after the commit raises ``PublishFailed`` (transient → 503): the state
  is committed, the redelivery publishes the rest, and the sweeper is the safety net.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import (
    DuplicateEvent,
    ProcessedMarker,
    UnitOfWorkAttempt,
    run_unit_of_work,
)
from pipeline_kit.observability.tracing import span
from pipeline_kit.outbox.outbox_relay import PublishFn, relay
from pipeline_kit.outbox.unsent_records import unsent_caused_by
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.message_handler import HandlerContext
from pipeline_kit.routing.outcome import Outcome


def idempotent_handling(
    client_factory: Callable[[], Any], emitter: EventEmitter, publish_fn: PublishFn | None = None
) -> Next:
    def handle(delivery: Delivery) -> Outcome:
        envelope = delivery.envelope
        assert envelope is not None
        handler = delivery.spec.handlers[envelope.type]
        client = client_factory()
        marker = ProcessedMarker(
            delivery.spec.name,
            envelope.event_id,
            correlation_id=envelope.correlation_id,
            event_type=envelope.type,
        )

        def work(uow: UnitOfWorkAttempt) -> None:
            handler(delivery.event, HandlerContext(uow=uow, envelope=envelope, emitter=emitter))

        try:
            with span("firestore commit", kind="internal"):
                result = run_unit_of_work(client, work, marker=marker)
        except DuplicateEvent:
            flush_unsent_caused_by(client, envelope.event_id, publish_fn)
            return Outcome.DUPLICATE
        delivery.attempts = result.attempts
        if result.events:
            with span("publish", kind="producer", events=len(result.events)):
                relay(client, result.events, publish_fn)
        return Outcome.HANDLED

    return handle


def flush_unsent_caused_by(client: Any, event_id: str, publish_fn: PublishFn | None = None) -> int:
    """Publish the still-unsent events that ``event_id`` caused (oldest first)."""
    records = unsent_caused_by(client, event_id)
    return relay(client, records, publish_fn) if records else 0
