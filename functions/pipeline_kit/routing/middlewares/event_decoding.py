"""Decode the envelope and the typed payload; ack event types this consumer does not handle.

The emulator ignores subscription filters, and a real filter may lag behind a deploy: an
unhandled type is acked (outcome ``ignored``) and logged at debug. Malformed envelopes and
payloads raise the kit's permanent errors (parked by ``error_classification``).
"""

from __future__ import annotations

from pipeline_kit.events.event_envelope import ATTR_EVENT_TYPE, decode_envelope
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.routing.delivery import Delivery, Middleware, Next
from pipeline_kit.routing.outcome import Outcome


def event_decoding(registry: EventRegistry) -> Middleware:
    def decode(delivery: Delivery, following: Next) -> Outcome:
        handlers = delivery.spec.handlers
        declared_type = delivery.message.attributes.get(ATTR_EVENT_TYPE)
        if declared_type is not None and declared_type not in handlers:
            delivery.detail = f"{declared_type} is not handled here"
            return Outcome.IGNORED
        envelope = decode_envelope(delivery.message.data, delivery.message.attributes)
        delivery.envelope = envelope
        if envelope.type not in handlers:
            delivery.detail = f"{envelope.type} is not handled here"
            return Outcome.IGNORED
        delivery.event = registry.decode(envelope)
        return following(delivery)

    return decode
