"""The counter consumer's handler: read, add, write back, emit ``CounterChanged``.

Effects go through the unit of work (applied once per event id). The only write outside it is
the attempt counter ``attempts/<event_id>`` (a Firestore Increment), which exists to make the
first N deliveries fail on purpose and to let tests count deliveries. Counters live in
``COUNTER_COLLECTION`` (default ``counters``), so two consumers of one topic keep apart.
"""

from __future__ import annotations

import os
from typing import Any

from pipeline_kit.errors.handler_errors import PermanentError, TransientError
from pipeline_kit.routing.message_handler import HandlerContext
from tests.e2e.kit.counter_app.counter_events import CounterChanged, CounterIncremented

COUNTERS = "counters"
ATTEMPTS = "attempts"


def count_delivery(client: Any, event_id: str) -> int:
    """Increment and return how many times this event reached the handler."""
    from google.cloud import firestore

    ref = client.collection(ATTEMPTS).document(event_id)
    ref.set({"count": firestore.Increment(1)}, merge=True)
    snapshot = ref.get()
    return int((snapshot.to_dict() or {}).get("count", 0))


def handle_counter_incremented(event: CounterIncremented, context: HandlerContext) -> None:
    ref = context.attempt.client.collection(os.environ.get("COUNTER_COLLECTION", COUNTERS)).document(event.counter_id)
    current = context.attempt.get(ref) or {"value": 0}
    if event.amount < 0 and not current.get("allow_negative"):
        # A rule that can never pass for this counter — until an operator allows negative amounts
        # on it (the fixable cause that `dlq redrive` tests rely on).
        raise PermanentError(f"amount must not be negative, got {event.amount}")
    if event.plain_error:
        count_delivery(context.attempt.client, context.envelope.event_id)
        raise {"ValueError": ValueError, "KeyError": KeyError, "TypeError": TypeError}[event.plain_error](
            f"amount {event.amount} breaks a rule (raised as a plain {event.plain_error})"
        )
    if event.transient_failures > 0:
        delivery = count_delivery(context.attempt.client, context.envelope.event_id)
        if delivery <= event.transient_failures:
            raise TransientError(f"failing delivery {delivery} of {event.transient_failures} on purpose")
    value = int(current["value"]) + event.amount // event.divisor
    context.attempt.set(ref, {**current, "value": value, "last_event_id": context.envelope.event_id})
    context.emit(CounterChanged(counter_id=event.counter_id, value=value))
