"""A push consumer: authenticate, parse, route and handle one Pub/Sub push request.

Order of the steps (each a small middleware, see ``routing/middlewares``):
authenticate (401/403 and nothing else) → parse the push body (any form; unparseable →
park the raw body; data, or an unparseable body, over Pub/Sub's message size → 413) → correlation
and trace context → log the outcome (inside the context, so the outcome line carries the
correlation id, trace and span) → a redrive meant for another consumer → ignored → consumer span →
error classification (permanent → park, other → retry) → decode envelope and payload
(unhandled type → ignored) → deadline guard → idempotent handling (handler + marker +
outbox in one commit, then publish). See ``routing/outcome.py`` for the status codes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline_kit.deadletter.parking import park, parking_attributes
from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.firestore.firestore_client import firestore_client
from pipeline_kit.observability import structured_log
from pipeline_kit.outbox.outbox_relay import PublishFn
from pipeline_kit.push.message_size import MAX_MESSAGE_BYTES, MAX_PUSH_BODY_BYTES, too_large_reason
from pipeline_kit.push.push_message import PushMessage
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.delivery import Delivery, Next, chain
from pipeline_kit.routing.middlewares.deadline_guard import deadline_guard
from pipeline_kit.routing.middlewares.error_classification import error_classification
from pipeline_kit.routing.middlewares.event_decoding import event_decoding
from pipeline_kit.routing.middlewares.idempotent_handling import idempotent_handling
from pipeline_kit.routing.middlewares.message_correlation import message_correlation
from pipeline_kit.routing.middlewares.message_tracing import message_tracing
from pipeline_kit.routing.middlewares.outcome_logging import outcome_logging
from pipeline_kit.routing.middlewares.redrive_targeting import redrive_targeting
from pipeline_kit.routing.outcome import Outcome


@dataclass(frozen=True)
class PushResult:
    outcome: Outcome
    detail: str = ""

    @property
    def status(self) -> int:
        return self.outcome.status


class PushConsumer:
    def __init__(
        self,
        spec: ConsumerSpec,
        registry: EventRegistry,
        emitter: EventEmitter,
        authenticator: Any,
        client_factory: Callable[[], Any] = firestore_client,
        publish_fn: PublishFn | None = None,
        park_fn: Callable[[str, bytes, Mapping[str, str]], object] = park,
    ) -> None:
        self.spec = spec
        self._authenticator = authenticator
        self._park_fn = park_fn
        self._pipeline: Next = chain(
            [
                message_correlation,
                outcome_logging,
                redrive_targeting,
                message_tracing,
                error_classification(self._park_delivery),
                event_decoding(registry),
                deadline_guard,
            ],
            idempotent_handling(client_factory, emitter, publish_fn),
        )

    def handle(self, headers: Mapping[str, str], body: bytes) -> PushResult:
        refused = self.refused_caller(headers)
        return refused if refused is not None else self.handle_authenticated(headers, body)

    def refused_caller(self, headers: Mapping[str, str]) -> PushResult | None:
        """401/403 when the request's token is refused, else None: needs no body, so the push
        endpoint checks it before reading one."""
        from pipeline_kit.auth import Forbidden, Unauthenticated

        try:
            self._authenticator.authenticate(_header(headers, "authorization"))
        except Unauthenticated as error:
            return self._rejected(Outcome.UNAUTHENTICATED, str(error))
        except Forbidden as error:
            return self._rejected(Outcome.FORBIDDEN, str(error))
        return None

    def handle_authenticated(self, headers: Mapping[str, str], body: bytes) -> PushResult:
        """``handle`` after ``refused_caller`` answered None."""
        message = self._message(headers, body)
        if isinstance(message, PushResult):
            return message
        delivery = Delivery(spec=self.spec, message=message)
        outcome = self._pipeline(delivery)
        return PushResult(outcome, delivery.detail)

    def _message(self, headers: Mapping[str, str], body: bytes) -> PushMessage | PushResult:
        """The parsed message, or the answer when there is none to handle (413, or parked unparseable)."""
        from pipeline_kit.push import MalformedPushRequest, parse_push_request

        if len(body) > MAX_PUSH_BODY_BYTES:
            return self.too_large(len(body), MAX_PUSH_BODY_BYTES, "the push request body")
        try:
            message = parse_push_request(headers, body)
        except MalformedPushRequest as error:
            if len(body) > MAX_MESSAGE_BYTES:  # its parked copy would have to be cut: refuse it whole
                return self.too_large(len(body), MAX_MESSAGE_BYTES, "an unparseable push request body")
            return self._park_unparseable(body, str(error))
        if len(message.data) > MAX_MESSAGE_BYTES:
            return self.too_large(len(message.data), MAX_MESSAGE_BYTES, "the message data")
        return message

    def too_large(self, size: int, limit: int, what: str, *, at_least: bool = False) -> PushResult:
        """413 for a request no Pub/Sub message can produce: nothing parked, nothing else done."""
        return self._rejected(Outcome.TOO_LARGE, too_large_reason(size, limit, what, at_least=at_least))

    # -- failure paths -------------------------------------------------------------------------
    def _park_delivery(self, delivery: Delivery, error: BaseException) -> None:
        message = delivery.message
        attributes = parking_attributes(
            message.attributes,
            error_class=type(error).__name__,
            error_message=str(error),
            consumer=self.spec.name,
            delivery_attempt=message.delivery_attempt,
            source_subscription=message.subscription,
            source_topic=self.spec.source_topic,
            original_message_id=message.message_id,
            original_publish_time=message.publish_time,
        )
        self._park_fn(self.spec.dead_letter_topic, message.data, attributes)

    def _park_unparseable(self, body: bytes, reason: str) -> PushResult:
        started = time.perf_counter()
        attributes = parking_attributes(
            {},
            error_class="MalformedPushRequest",
            error_message=reason,
            consumer=self.spec.name,
            delivery_attempt=None,
            source_subscription=None,
            source_topic=self.spec.source_topic,
            original_message_id=None,
        )
        try:
            self._park_fn(self.spec.dead_letter_topic, body, attributes)
            outcome = Outcome.PARKED
        except Exception as error:
            reason = f"{reason}; parking failed: {type(error).__name__}: {error}"
            outcome = Outcome.PARK_FAILED
        structured_log.error(
            f"{self.spec.name}: {outcome.value} (unparseable push request: {reason})"[:1000],
            outcome=outcome.value,
            duration_ms=round((time.perf_counter() - started) * 1000, 2),
            labels={"consumer": self.spec.name, "outcome": outcome.value},
        )
        return PushResult(outcome, reason)

    def _rejected(self, outcome: Outcome, reason: str) -> PushResult:
        structured_log.warning(
            f"{self.spec.name}: push request rejected: {reason}",
            outcome=outcome.value,
            labels={"consumer": self.spec.name, "outcome": outcome.value},
        )
        return PushResult(outcome, reason)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        value = headers.get(name.title())
    if value is None:
        lowered = name.lower()
        for key, candidate in headers.items():
            if key.lower() == lowered:
                return candidate
    return value
