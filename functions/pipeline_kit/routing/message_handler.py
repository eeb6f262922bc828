"""The handler type every push consumer registers, and its contract.

A handler is ``handler(event, context) -> None`` where ``event`` is the decoded, upcast payload
instance and ``context`` gives the current attempt of the unit of work (``context.attempt``:
reads, writes), the delivery's envelope, and ``emit`` (an event in the attempt's outbox).

Contract (the kit enforces it around the handler):
- return normally → the writes, the events and the processed marker commit atomically → **204 ack**;
- the event was already processed by this consumer (same ``event_id``) → nothing runs or
  commits → **204 ack** (outcome ``duplicate``);
- raise ``TransientError`` or an error that may pass on a retry (a transient Google API error,
  a timeout, anything unknown), or take longer than the deadline guard allows → **503 nack**:
  Pub/Sub redelivers with backoff, then dead-letters;
- raise ``PermanentError``, one of the consumer's declared permanent exception types, or a
  deterministic error (``ValueError``, ``TypeError``, ``KeyError``, ``AssertionError``, …,
  Google's ``InvalidArgument``) → the message is **parked** (published to the dead-letter topic
  with the reason) → **204 ack**; if parking fails → **503 nack**. The table is
  ``routing/error_taxonomy``.
The handler may run more than once for one delivery (optimistic retries): no I/O of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt


@dataclass(frozen=True)
class HandlerContext:
    attempt: UnitOfWorkAttempt
    envelope: EventEnvelope
    emitter: EventEmitter

    def emit(self, payload: Any) -> EventEnvelope:
        return self.emitter.emit(self.attempt, payload)


MessageHandler = Callable[[Any, HandlerContext], None]
