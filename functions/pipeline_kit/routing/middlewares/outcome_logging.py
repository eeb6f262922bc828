"""Log one structured line per message with its outcome and duration.

Runs inside ``message_correlation``: the line carries the delivery's correlation id, trace and
span (``logging.googleapis.com/trace``, ``spanId``, labels) — the envelope's when it was decoded.

What the line says comes from the delivery (forward: message, envelope) and from the returned
``PushResult`` (back: outcome, detail, attempts). An unexpected error (``error_classification``
returns its traceback in ``stack_trace``) makes this line the one ERROR line of the failure,
with the traceback in ``stack_trace`` for Error Reporting — whether the error was parked or
retried. A redriven copy (``redrive_count`` attribute, set by ``dlq redrive``) says so in its labels.
"""

from __future__ import annotations

import time
from typing import Any

from pipeline_kit.observability import structured_log
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult

STACK_TRACE = "stack_trace"

_SEVERITY = {
    Outcome.HANDLED: "INFO",
    Outcome.DUPLICATE: "INFO",
    Outcome.IGNORED: "DEBUG",
    Outcome.RETRY: "WARNING",
    Outcome.PARKED: "ERROR",
    Outcome.PARK_FAILED: "ERROR",
}


def outcome_logging(delivery: Delivery, following: Next) -> PushResult:
    started = time.perf_counter()
    result = following(delivery)
    message, envelope, outcome = delivery.message, delivery.envelope, result.outcome
    fields: dict[str, Any] = {}
    if result.stack_trace:
        fields[STACK_TRACE] = result.stack_trace
    if result.detail:
        fields["detail"] = result.detail  # the reason of a parking or a retry, for ``ops trace``
    structured_log.log(
        "ERROR" if result.stack_trace else _SEVERITY.get(outcome, "INFO"),
        f"{delivery.consumer.name}: {outcome.value}"
        + (f" {envelope.type}" if envelope else "")
        + (f" ({result.detail})" if result.detail else ""),
        outcome=outcome.value,
        duration_ms=round((time.perf_counter() - started) * 1000, 2),
        attempts=result.attempts,
        labels={
            "consumer": delivery.consumer.name,
            "outcome": outcome.value,
            "event_id": envelope.event_id if envelope else message.attributes.get("event_id"),
            "event_type": envelope.type if envelope else message.attributes.get("event_type"),
            "message_id": message.message_id,
            "subscription": message.subscription,
            "delivery_attempt": message.delivery_attempt,
            "redrive_count": message.attributes.get("redrive_count"),
        },
        **fields,
    )
    return result
