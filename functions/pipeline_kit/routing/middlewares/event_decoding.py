"""Decode the typed payload; ack event types this consumer does not handle.

The emulator ignores subscription filters, and a real filter may lag behind a deploy: a type
that is registered but not handled by this consumer is acked (outcome ``ignored``) and logged
at debug — checked first, on the ``event_type`` attribute, so even a malformed envelope of
such a type is ignored. Then the envelope's decoding error, if any, is raised (a
``MalformedEnvelope`` is parked). A type nobody registered is an ``UnknownEventType`` — parked,
like malformed payloads (the kit's permanent errors, see ``error_classification``). The decoded
payload goes on as ``delivery.event``.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline_kit.events.event_envelope import ATTR_EVENT_TYPE
from pipeline_kit.events.event_registry import EventRegistry, UnknownEventType
from pipeline_kit.routing.delivery import Delivery, Middleware, Next
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult


def event_decoding(registry: EventRegistry) -> Middleware:
    def decode(delivery: Delivery, following: Next) -> PushResult:
        handlers = delivery.consumer.handlers
        declared_type = delivery.message.attributes.get(ATTR_EVENT_TYPE)
        if declared_type is not None and declared_type not in handlers and registry.is_known(declared_type):
            return PushResult(Outcome.IGNORED, f"{declared_type} is not handled here")
        if delivery.envelope_error is not None:
            raise delivery.envelope_error
        envelope = delivery.envelope
        assert envelope is not None  # push_parsing sets one of the two
        if envelope.type not in handlers and not registry.is_known(envelope.type):
            raise UnknownEventType(f"unknown event type {envelope.type[:100]!r}")
        if envelope.type not in handlers:
            return PushResult(Outcome.IGNORED, f"{envelope.type} is not handled here")
        return following(replace(delivery, event=registry.decode(envelope)))

    return decode
