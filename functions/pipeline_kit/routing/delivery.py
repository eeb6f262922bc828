"""One push delivery as it moves through the middleware chain, and the chain's types.

Two stages: request middlewares see the ``PushRequest`` (authentication), then
``middlewares/push_parsing`` turns it into a ``Delivery`` for the delivery middlewares. A
``Delivery`` is frozen: what a middleware learns goes **forward** as a new value
(``dataclasses.replace``); what it did comes **back** as the ``PushResult`` it returns.

``envelope`` is decoded once, by ``push_parsing``; when decoding failed, ``envelope_error`` keeps
the error, raised by ``event_decoding`` inside ``error_classification`` (so a malformed envelope
is parked like any permanent error, and a message a consumer does not handle is ignored first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.push import PushMessage
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.push_request import PushRequest
from pipeline_kit.routing.push_result import PushResult


@dataclass(frozen=True)
class Delivery:
    consumer: ConsumerSpec
    message: PushMessage
    envelope: EventEnvelope | None = None
    envelope_error: Exception | None = None
    event: Any = None


RequestNext = Callable[[PushRequest], PushResult]
RequestMiddleware = Callable[[PushRequest, RequestNext], PushResult]
Next = Callable[[Delivery], PushResult]
Middleware = Callable[[Delivery, Next], PushResult]


def chain(middlewares: Sequence[Middleware], last: Next) -> Next:
    """Compose ``middlewares`` (outermost first) around ``last``."""
    handler = last
    for middleware in reversed(middlewares):
        handler = _bind(middleware, handler)
    return handler


def request_chain(middlewares: Sequence[RequestMiddleware], last: RequestNext) -> RequestNext:
    """Compose request ``middlewares`` (outermost first) around ``last``."""
    handler = last
    for middleware in reversed(middlewares):
        handler = _bind_request(middleware, handler)
    return handler


def _bind(middleware: Middleware, following: Next) -> Next:
    def run(delivery: Delivery) -> PushResult:
        return middleware(delivery, following)

    return run


def _bind_request(middleware: RequestMiddleware, following: RequestNext) -> RequestNext:
    def run(request: PushRequest) -> PushResult:
        return middleware(request, following)

    return run
