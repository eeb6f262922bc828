"""Parts for driving the push chain in memory: two event types (one handled, one registered but
not handled), a consumer spec, envelopes and push bodies, deliveries, an allow/deny authenticator,
a recording parker, and ``InMemoryHandling`` — the last step on a dict instead of Firestore
(processed event ids, handler errors raised as they are)."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from pipeline_kit.auth.access_denied import Forbidden, Unauthenticated
from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_envelope import EventEnvelope, decode_envelope
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.push import PushMessage
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.message_handler import HandlerContext, MessageHandler
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_consumer import PushConsumer
from pipeline_kit.routing.push_result import PushResult

CONSUMER = "users-on-orders"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


@dataclass(frozen=True)
class OrderPlaced:
    event_type: ClassVar[str] = "OrderPlaced"
    version: ClassVar[int] = 1

    order_id: str

    @property
    def aggregate_id(self) -> str:
        return self.order_id


@dataclass(frozen=True)
class OrderShipped:
    """Registered, but no handler of this consumer takes it."""

    event_type: ClassVar[str] = "OrderShipped"
    version: ClassVar[int] = 1

    order_id: str

    @property
    def aggregate_id(self) -> str:
        return self.order_id


class DomainRuleBroken(Exception):
    """Stands for a domain error the consumer declares permanent."""


def registry() -> EventRegistry:
    return EventRegistry([OrderPlaced, OrderShipped])


def spec(handler: MessageHandler | None = None, *, ack_deadline_seconds: float = 60.0) -> ConsumerSpec:
    return ConsumerSpec(
        name=CONSUMER,
        source_topic="orders-events",
        dead_letter_topic=f"{CONSUMER}-dead-letter",
        handlers={OrderPlaced.event_type: handler or do_nothing},
        permanent_errors=(DomainRuleBroken,),
        ack_deadline_seconds=ack_deadline_seconds,
    )


def do_nothing(event: Any, context: HandlerContext) -> None:
    return None


def envelope(
    event_type: str = "OrderPlaced", *, event_id: str = "e-1", traceparent: str | None = TRACEPARENT
) -> EventEnvelope:
    return EventEnvelope(
        event_id=event_id,
        type=event_type,
        version=1,
        occurred_at=datetime(2026, 11, 26, 10, tzinfo=UTC),
        correlation_id="c-1",
        causation_id="e-0",
        aggregate_id="o-1",
        payload={"order_id": "o-1"},
        traceparent=traceparent,
    )


def wrapped_body(data: bytes, attributes: Mapping[str, str], *, message_id: str = "m-1") -> bytes:
    message = {"data": base64.b64encode(data).decode(), "attributes": dict(attributes), "messageId": message_id}
    push = {"message": message, "subscription": f"projects/p/subscriptions/{CONSUMER}", "deliveryAttempt": 2}
    return json.dumps(push).encode()


def push_body(event: EventEnvelope | None = None, **extra_attributes: str) -> bytes:
    """A wrapped push of ``event`` (default ``envelope()``) with its attributes plus ``extra_attributes``."""
    event = event or envelope()
    return wrapped_body(event.to_json_bytes(), {**event.attributes(), **extra_attributes})


def message(data: bytes, attributes: Mapping[str, str] | None = None, *, message_id: str = "m-1") -> PushMessage:
    return PushMessage(
        data, dict(attributes or {}), message_id, None, None, 2, f"projects/p/subscriptions/{CONSUMER}", "wrapped"
    )


def delivery(
    data: bytes | None = None,
    attributes: Mapping[str, str] | None = None,
    *,
    consumer: ConsumerSpec | None = None,
    event: Any = None,
) -> Delivery:
    """The delivery ``push_parsing`` would pass on (default: ``envelope()`` with its attributes)."""
    if data is None:
        data, attributes = envelope().to_json_bytes(), (envelope().attributes() if attributes is None else attributes)
    pushed = message(data, attributes)
    try:
        decoded: EventEnvelope | None = decode_envelope(pushed.data, pushed.attributes)
        error: Exception | None = None
    except Exception as decoding_error:
        decoded, error = None, decoding_error
    return Delivery(consumer or spec(), pushed, envelope=decoded, envelope_error=error, event=event)


class Authenticator:
    """``allow`` everyone, or refuse with ``Unauthenticated`` / ``Forbidden``; counts its calls."""

    def __init__(self, refusal: Exception | None = None) -> None:
        self.refusal = refusal
        self.calls: list[str | None] = []

    def authenticate(self, authorization: str | None) -> None:
        self.calls.append(authorization)
        if self.refusal is not None:
            raise self.refusal


def unauthenticated() -> Authenticator:
    return Authenticator(Unauthenticated("missing_token"))


def forbidden() -> Authenticator:
    return Authenticator(Forbidden("caller_not_allowed"))


@dataclass
class Parked:
    """A ``park_fn``: records what is parked, or fails with ``failure``."""

    calls: list[tuple[str, bytes, dict[str, str]]] = field(default_factory=list)
    failure: Exception | None = None

    def __call__(self, topic: str, data: bytes, attributes: Mapping[str, str]) -> str:
        if self.failure is not None:
            raise self.failure
        self.calls.append((topic, data, dict(attributes)))
        return f"parked-{len(self.calls)}"


@dataclass
class InMemoryHandling:
    """The chain's last step without Firestore: runs the consumer's handler once per event id
    (``handled``), acks a repeated event id without running it (``duplicate``), and lets the
    handler's errors out (the chain classifies them). ``handled`` lists (event, envelope) run."""

    processed: set[str] = field(default_factory=set)
    handled: list[tuple[Any, EventEnvelope]] = field(default_factory=list)

    def __call__(self, delivery: Delivery) -> PushResult:
        envelope = delivery.envelope
        assert envelope is not None
        if envelope.event_id in self.processed:
            return PushResult(Outcome.DUPLICATE)
        handler = delivery.consumer.handlers[envelope.type]
        emitter = EventEmitter(registry(), topic_for=lambda _: "orders-events")
        handler(delivery.event, HandlerContext(attempt=_NO_ATTEMPT, envelope=envelope, emitter=emitter))
        self.processed.add(envelope.event_id)
        self.handled.append((delivery.event, envelope))
        return PushResult(Outcome.HANDLED, attempts=1)


_NO_ATTEMPT: Any = None  # the in-memory handlers never touch the unit of work


def consumer(
    handler: MessageHandler | None = None,
    *,
    authenticator: Authenticator | None = None,
    parked: Parked | None = None,
    handling: InMemoryHandling | None = None,
    ack_deadline_seconds: float = 60.0,
) -> PushConsumer:
    events = registry()
    return PushConsumer(
        spec(handler, ack_deadline_seconds=ack_deadline_seconds),
        events,
        EventEmitter(events, topic_for=lambda _: "orders-events"),
        authenticator or Authenticator(),
        handling=handling or InMemoryHandling(),
        client_factory=_no_firestore,
        park_fn=parked or Parked(),
    )


def _no_firestore() -> Any:
    raise AssertionError("the in-memory chain must not reach Firestore")


def log_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]
