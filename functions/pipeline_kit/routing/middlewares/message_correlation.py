"""Enter the message context, once: correlation id, causation (this event) and the trace.

The envelope is the source of truth when it was decoded: attributes may be missing (e.g. an
unwrapped push through a server that drops headers with underscores), and the envelope's trace
is the publisher's (a ``traceparent`` attribute wins over the one in the data, see
``decode_envelope``). Without an envelope the attributes give the context, else the message id
and a new trace. Every line written while the delivery runs — the handler's and the outcome
line — carries this context; events it raises inherit it.
"""

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
from pipeline_kit.routing.push_result import PushResult


def message_correlation(delivery: Delivery, following: Next) -> PushResult:
    token = enter_context(message_context(delivery))
    try:
        return following(delivery)
    finally:
        exit_context(token)


def message_context(delivery: Delivery) -> MessageContext:
    """The context of ``delivery``: from its envelope when decoded, else from its attributes."""
    message, envelope = delivery.message, delivery.envelope
    attributes = message.attributes
    trace = parse_traceparent(attributes.get(ATTR_TRACEPARENT))
    event_type: str | None
    if envelope is not None:
        event_id, correlation_id, event_type = envelope.event_id, envelope.correlation_id, envelope.type
        trace = parse_traceparent(envelope.traceparent) or trace
    else:
        event_id = attributes.get(ATTR_EVENT_ID) or message.message_id
        correlation_id = attributes.get(ATTR_CORRELATION_ID) or event_id
        event_type = attributes.get("event_type")
    context = MessageContext(
        correlation_id=correlation_id,
        causation_id=event_id,
        trace=trace or TraceParent(new_trace_id(), new_span_id(), True),
    )
    return context.with_labels(
        event_id=event_id,
        event_type=event_type,
        message_id=message.message_id,
        subscription=message.subscription,
        delivery_attempt=message.delivery_attempt,
        consumer=delivery.consumer.name,
    )
