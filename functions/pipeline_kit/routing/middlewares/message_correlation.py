"""Enter the message context: correlation id, causation (this event) and the trace."""

from __future__ import annotations

from pipeline_kit.events.event_envelope import ATTR_CORRELATION_ID, ATTR_EVENT_ID, ATTR_TRACEPARENT
from pipeline_kit.observability.trace_context import (
    MessageContext,
    TraceParent,
    enter_context,
    exit_context,
    new_span_id,
    new_trace_id,
    parse_traceparent,
)
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.outcome import Outcome


def message_correlation(delivery: Delivery, following: Next) -> Outcome:
    attributes = delivery.message.attributes
    event_id = attributes.get(ATTR_EVENT_ID) or delivery.message.message_id
    correlation_id = attributes.get(ATTR_CORRELATION_ID) or event_id
    trace = parse_traceparent(attributes.get(ATTR_TRACEPARENT)) or TraceParent(new_trace_id(), new_span_id(), True)
    context = MessageContext(correlation_id=correlation_id, causation_id=event_id, trace=trace).with_labels(
        event_id=event_id,
        event_type=attributes.get("event_type"),
        message_id=delivery.message.message_id,
        subscription=delivery.message.subscription,
        delivery_attempt=delivery.message.delivery_attempt,
        consumer=delivery.spec.name,
    )
    token = enter_context(context)
    try:
        return following(delivery)
    finally:
        exit_context(token)
