"""Log one structured line per message with its outcome and duration.

Runs inside ``message_correlation``: the line carries the delivery's correlation id, trace and
span (``logging.googleapis.com/trace``, ``spanId``, labels). When the envelope, decoded further
in, names another correlation or trace than the attributes did (attributes dropped on the way,
e.g. unwrapped push), the line follows the envelope, as the handler's own lines did.

An unexpected error (``error_classification`` leaves its traceback in
``delivery.fields["stack_trace"]``) makes this line the one ERROR line of the failure, with the
traceback in ``stack_trace`` for Error Reporting — whether the error was parked or retried.
A redriven copy (``redrive_count`` attribute, set by ``dlq redrive``) says so in its labels.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from pipeline_kit.observability import structured_log
from pipeline_kit.observability.trace_context import current_context, enter_context, exit_context, parse_traceparent
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.outcome import Outcome

STACK_TRACE = "stack_trace"

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
    fields: dict[str, Any] = {}
    stack_trace = delivery.fields.get(STACK_TRACE)
    if stack_trace:
        fields[STACK_TRACE] = stack_trace
    if delivery.detail:
        fields["detail"] = delivery.detail  # the reason of a parking or a retry, for ``ops trace``
    context = current_context()
    token = None
    if envelope is not None and context is not None:
        trace = parse_traceparent(envelope.traceparent) or context.trace
        if (context.correlation_id, context.trace.trace_id) != (envelope.correlation_id, trace.trace_id):
            token = enter_context(replace(context, correlation_id=envelope.correlation_id, trace=trace))
    try:
        structured_log.log(
            "ERROR" if stack_trace else _SEVERITY.get(outcome, "INFO"),
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
                "redrive_count": message.attributes.get("redrive_count"),
            },
            **fields,
        )
    finally:
        if token is not None:
            exit_context(token)
    return outcome
