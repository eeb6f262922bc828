"""Log one structured line per message with its outcome and duration."""

from __future__ import annotations

import time

from pipeline_kit.observability import structured_log
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.outcome import Outcome

_SEVERITY = {
    Outcome.HANDLED: "INFO",
    Outcome.DUPLICATE: "INFO",
    Outcome.IGNORED: "DEBUG",
    Outcome.RETRY: "WARNING",
    Outcome.PARKED: "ERROR",
    Outcome.PARK_FAILED: "ERROR",
}


def outcome_logging(delivery: Delivery, following: Next) -> Outcome:
    started = time.perf_counter()
    outcome = following(delivery)
    message = delivery.message
    envelope = delivery.envelope
    structured_log.log(
        _SEVERITY.get(outcome, "INFO"),
        f"{delivery.spec.name}: {outcome.value}"
        + (f" {envelope.type}" if envelope else "")
        + (f" ({delivery.detail})" if delivery.detail else ""),
        outcome=outcome.value,
        duration_ms=round((time.perf_counter() - started) * 1000, 2),
        attempts=delivery.attempts,
        labels={
            "consumer": delivery.spec.name,
            "outcome": outcome.value,
            "event_id": envelope.event_id if envelope else message.attributes.get("event_id"),
            "event_type": envelope.type if envelope else message.attributes.get("event_type"),
            "message_id": message.message_id,
            "subscription": message.subscription,
            "delivery_attempt": message.delivery_attempt,
        },
    )
    return outcome
