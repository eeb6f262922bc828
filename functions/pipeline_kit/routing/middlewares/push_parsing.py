"""The bridge from a push request to a delivery: read the body, parse the push, decode the envelope.

- the body is read within the push limit (sent without a length and past it: 413, ``at least``);
- a body over ``MAX_PUSH_BODY_BYTES``, or data over Pub/Sub's ``MAX_MESSAGE_BYTES``: 413, not parked;
- a body no push form explains (``push/``) is parked raw with the reason (``parked``, or
  ``park_failed`` when parking fails), unless it is over the message size: its parked copy would
  have to be cut, so it is refused whole (413);
- otherwise the envelope is decoded once and the ``Delivery`` goes on with it, or with the
  decoding error (``event_decoding`` raises it inside ``error_classification``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from pipeline_kit.deadletter.parking import parking_attributes
from pipeline_kit.events.event_envelope import EventEnvelope, decode_envelope
from pipeline_kit.observability import structured_log
from pipeline_kit.push.message_size import MAX_MESSAGE_BYTES, MAX_PUSH_BODY_BYTES
from pipeline_kit.push.push_message import PushMessage
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.delivery import Delivery, Next, RequestNext
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_request import BodyTooLarge, PushRequest
from pipeline_kit.routing.push_result import PushResult, too_large

ParkFn = Callable[[str, bytes, Mapping[str, str]], object]


def push_parsing(consumer: ConsumerSpec, park_fn: ParkFn, deliveries: Next) -> RequestNext:
    """``park_fn(topic, data, attributes)`` must return only once the parked copy is stored."""

    def parse(request: PushRequest) -> PushResult:
        from pipeline_kit.push import MalformedPushRequest, parse_push_request

        try:
            body = request.read_body()
        except BodyTooLarge as over:
            what = "the push request body (sent without a length)"
            return too_large(consumer.name, over.size_at_least, over.limit, what, at_least=True)
        if len(body) > MAX_PUSH_BODY_BYTES:
            return too_large(consumer.name, len(body), MAX_PUSH_BODY_BYTES, "the push request body")
        try:
            message = parse_push_request(request.headers, body)
        except MalformedPushRequest as error:
            if len(body) > MAX_MESSAGE_BYTES:  # its parked copy would have to be cut: refuse it whole
                return too_large(consumer.name, len(body), MAX_MESSAGE_BYTES, "an unparseable push request body")
            return _park_unparseable(consumer, park_fn, body, str(error))
        if len(message.data) > MAX_MESSAGE_BYTES:
            return too_large(consumer.name, len(message.data), MAX_MESSAGE_BYTES, "the message data")
        return deliveries(_delivery(consumer, message))

    return parse


def _delivery(consumer: ConsumerSpec, message: PushMessage) -> Delivery:
    envelope: EventEnvelope | None = None
    error: Exception | None = None
    try:
        envelope = decode_envelope(message.data, message.attributes)
    except Exception as decoding_error:  # MalformedEnvelope, or what else the data provokes: classified later
        error = decoding_error
    return Delivery(consumer=consumer, message=message, envelope=envelope, envelope_error=error)


def _park_unparseable(consumer: ConsumerSpec, park_fn: ParkFn, body: bytes, reason: str) -> PushResult:
    started = time.perf_counter()
    attributes = parking_attributes(
        {},
        error_class="MalformedPushRequest",
        error_message=reason,
        consumer=consumer.name,
        delivery_attempt=None,
        source_subscription=None,
        source_topic=consumer.source_topic,
        original_message_id=None,
    )
    try:
        park_fn(consumer.dead_letter_topic, body, attributes)
        outcome = Outcome.PARKED
    except Exception as error:
        reason = f"{reason}; parking failed: {type(error).__name__}: {error}"
        outcome = Outcome.PARK_FAILED
    structured_log.error(
        f"{consumer.name}: {outcome.value} (unparseable push request: {reason})"[:1000],
        outcome=outcome.value,
        duration_ms=round((time.perf_counter() - started) * 1000, 2),
        labels={"consumer": consumer.name, "outcome": outcome.value},
    )
    return PushResult(outcome, reason)
