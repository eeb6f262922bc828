"""A push consumer: authenticate, parse, route and handle one Pub/Sub push request.

The whole chain is the one list in ``PushConsumer.__init__``, outermost first; each step is a
small middleware (``routing/middlewares``), and ``routing/outcome.py`` has the status codes:

1. ``authentication`` — 401/403 and nothing else (the body is not read);
2. ``push_parsing`` — the body read within the limit, the push form parsed (unparseable → the raw
   body parked; body or data over Pub/Sub's message size → 413), the envelope decoded: the
   request becomes a ``Delivery``;
3. ``message_correlation`` — the one correlation and trace context of the delivery;
4. ``outcome_logging`` — one line per delivery, inside that context;
5. ``redrive_targeting`` — a redrive meant for another consumer → ignored;
6. ``message_tracing`` — the consumer span;
7. ``error_classification`` — permanent → park, other → retry;
8. ``event_decoding`` — the typed payload (unhandled type → ignored);
9. ``deadline_guard`` — the delivery's time budget;
10. ``idempotent_handling`` — handler + marker + outbox in one commit, then publish.

Each step passes what it learns forward (a new ``Delivery``) and reports back in the
``PushResult`` it returns; nothing is mutated on the way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pipeline_kit.deadletter.parking import park, parking_attributes
from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.firestore.firestore_client import firestore_client
from pipeline_kit.outbox.outbox_relay import PublishFn
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.delivery import Delivery, Next, RequestNext, chain, request_chain
from pipeline_kit.routing.middlewares.authentication import Authenticating, authentication
from pipeline_kit.routing.middlewares.deadline_guard import deadline_guard
from pipeline_kit.routing.middlewares.error_classification import error_classification
from pipeline_kit.routing.middlewares.event_decoding import event_decoding
from pipeline_kit.routing.middlewares.idempotent_handling import idempotent_handling
from pipeline_kit.routing.middlewares.message_correlation import message_correlation
from pipeline_kit.routing.middlewares.message_tracing import message_tracing
from pipeline_kit.routing.middlewares.outcome_logging import outcome_logging
from pipeline_kit.routing.middlewares.push_parsing import push_parsing
from pipeline_kit.routing.middlewares.redrive_targeting import redrive_targeting
from pipeline_kit.routing.push_request import PushRequest
from pipeline_kit.routing.push_result import PushResult
from pipeline_kit.routing.push_result import too_large as too_large_result


class PushConsumer:
    """One consumer's chain. ``handling`` replaces the last step (``idempotent_handling`` on
    Firestore) — a unit test's in-memory delivery; ``park_fn(topic, data, attributes)`` is the
    dead-letter publish (it must return only once the copy is stored)."""

    def __init__(
        self,
        spec: ConsumerSpec,
        registry: EventRegistry,
        emitter: EventEmitter,
        authenticator: Authenticating,
        *,
        handling: Next | None = None,
        client_factory: Callable[[], Any] = firestore_client,
        publish_fn: PublishFn | None = None,
        park_fn: Callable[[str, bytes, Mapping[str, str]], object] = park,
    ) -> None:
        self.spec = spec
        self._park_fn = park_fn
        deliveries = chain(
            [
                message_correlation,
                outcome_logging,
                redrive_targeting,
                message_tracing,
                error_classification(self._park_delivery),
                event_decoding(registry),
                deadline_guard,
            ],
            handling if handling is not None else idempotent_handling(client_factory, emitter, publish_fn),
        )
        self._chain: RequestNext = request_chain(
            [authentication(spec.name, authenticator)], push_parsing(spec, park_fn, deliveries)
        )

    def handle(self, request: PushRequest) -> PushResult:
        return self._chain(request)

    def too_large(self, size: int, limit: int, what: str, *, at_least: bool = False) -> PushResult:
        """413 for a request refused before the chain (its ``Content-Length``): nothing else done."""
        return too_large_result(self.spec.name, size, limit, what, at_least=at_least)

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
