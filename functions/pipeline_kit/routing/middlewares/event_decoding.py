"""Decode the envelope and the typed payload; ack event types this consumer does not handle.

The emulator ignores subscription filters, and a real filter may lag behind a deploy: a type
that is registered but not handled by this consumer is acked (outcome ``ignored``) and logged
at debug. A type nobody registered is an ``UnknownEventType`` — parked, like malformed
envelopes and payloads (the kit's permanent errors, see ``error_classification``).
"""

from __future__ import annotations

from contextvars import Token
from dataclasses import replace

from pipeline_kit.events.event_envelope import ATTR_EVENT_TYPE, EventEnvelope, decode_envelope
from pipeline_kit.events.event_registry import EventRegistry, UnknownEventType
from pipeline_kit.observability.trace_context import (
    MessageContext,
    current_context,
    enter_context,
    exit_context,
    parse_traceparent,
)
from pipeline_kit.routing.delivery import Delivery, Middleware, Next
from pipeline_kit.routing.outcome import Outcome


def event_decoding(registry: EventRegistry) -> Middleware:
    def decode(delivery: Delivery, following: Next) -> Outcome:
        handlers = delivery.spec.handlers
        declared_type = delivery.message.attributes.get(ATTR_EVENT_TYPE)
        if declared_type is not None and declared_type not in handlers and registry.is_known(declared_type):
            delivery.detail = f"{declared_type} is not handled here"
            return Outcome.IGNORED
        envelope = decode_envelope(delivery.message.data, delivery.message.attributes)
        delivery.envelope = envelope
        if envelope.type not in handlers and not registry.is_known(envelope.type):
            raise UnknownEventType(f"unknown event type {envelope.type[:100]!r}")
        if envelope.type not in handlers:
            delivery.detail = f"{envelope.type} is not handled here"
            return Outcome.IGNORED
        delivery.event = registry.decode(envelope)
        token = _align_context(envelope)
        try:
            return following(delivery)
        finally:
            if token is not None:
                exit_context(token)

    return decode


def _align_context(envelope: EventEnvelope) -> Token[MessageContext | None] | None:
    """The envelope is the source of truth for correlation, causation and trace: attributes may be
    missing (e.g. unwrapped push through a server that drops headers with underscores)."""
    context = current_context()
    if context is None:
        return None
    trace = parse_traceparent(envelope.traceparent) or context.trace
    if (context.correlation_id, context.causation_id, context.trace.trace_id) == (
        envelope.correlation_id,
        envelope.event_id,
        trace.trace_id,
    ):
        return None
    aligned = replace(
        context, correlation_id=envelope.correlation_id, causation_id=envelope.event_id, trace=trace
    ).with_labels(event_id=envelope.event_id, event_type=envelope.type)
    return enter_context(aligned)
