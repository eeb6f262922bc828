"""The last step: run the handler in an optimistic unit of work with a processed marker,
then publish the events it raised (the outbox fast path).

- first delivery: handler effects + outbox records + marker commit atomically, then the
  events are published → ``handled``. They are marked sent off the request path, batched with
  other requests' marks (``sent_marker``, deferred by a few milliseconds; ``OUTBOX_MARK_SENT=inline``
  marks them before answering instead): the ack does not wait for that commit, and a mark
  that never lands only costs a republish that consumers ack as a duplicate;
- redelivery or double publish (same event id): nothing runs; this process's deferred marks
  are committed first (so a duplicate right behind the first delivery does not republish what
  it just published), then events this event raised that are still unsent (a publish failed
  after the commit; or their mark was deferred in another instance and has not landed yet) are
  published now and marked sent inline → ``duplicate``;
- a publish failure after the commit raises ``PublishFailed`` (transient → 503): the state
  is committed, the redelivery publishes the rest, and the sweeper is the safety net.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline_kit.deadline.delivery_deadline import timeout_within_deadline
from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import (
    DuplicateEvent,
    ProcessedMarker,
    UnitOfWorkAttempt,
    UnitOfWorkResult,
    run_unit_of_work,
)
from pipeline_kit.observability.tracing import span
from pipeline_kit.outbox.outbox_relay import PublishFn, relay
from pipeline_kit.outbox.sent_marker import flush_sent_marks
from pipeline_kit.outbox.unsent_records import unsent_caused_by
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.message_handler import HandlerContext
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult

DUPLICATE_FLUSH_SECONDS = 2.0

RunUnitOfWork = Callable[..., UnitOfWorkResult[None]]


def idempotent_handling(
    client_factory: Callable[[], Any],
    emitter: EventEmitter,
    publish_fn: PublishFn | None = None,
    run: RunUnitOfWork | None = None,
) -> Next:
    """``run`` replaces ``run_unit_of_work(client, work, marker=...)`` (a unit test's fake)."""

    def handle(delivery: Delivery) -> PushResult:
        envelope = delivery.envelope
        assert envelope is not None  # event_decoding let it through
        handler = delivery.consumer.handlers[envelope.type]
        client = client_factory()
        marker = ProcessedMarker(
            delivery.consumer.name,
            envelope.event_id,
            correlation_id=envelope.correlation_id,
            event_type=envelope.type,
        )

        def work(attempt: UnitOfWorkAttempt) -> None:
            handler(delivery.event, HandlerContext(attempt=attempt, envelope=envelope, emitter=emitter))

        run_work = run if run is not None else run_unit_of_work  # looked up per call: fault injection patches it
        try:
            with span("firestore commit", kind="internal"):
                result = run_work(client, work, marker=marker)
        except DuplicateEvent:
            flush_unsent_caused_by(client, envelope.event_id, publish_fn)
            return PushResult(Outcome.DUPLICATE)
        if result.events:
            with span("publish", kind="producer", events=len(result.events)):
                relay(client, result.events, publish_fn, defer_marking=True)
        return PushResult(Outcome.HANDLED, attempts=result.attempts)

    return handle


def flush_unsent_caused_by(client: Any, event_id: str, publish_fn: PublishFn | None = None) -> int:
    """Publish the still-unsent events that ``event_id`` caused (oldest first), marking them sent inline.

    This process's deferred marks are flushed first (bounded by ``DUPLICATE_FLUSH_SECONDS`` and the
    delivery's remaining budget: past the bound, a record whose mark is still on its way is
    published again, which consumers ack as a duplicate). The query, the publishes and the inline
    marks are bounded by the remaining budget too (``deadline/budgeted_call``).
    """
    flush_sent_marks(timeout=timeout_within_deadline(DUPLICATE_FLUSH_SECONDS))
    records = unsent_caused_by(client, event_id)
    return relay(client, records, publish_fn, defer_marking=False) if records else 0
