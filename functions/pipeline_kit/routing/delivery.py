"""One push delivery as it moves through the middleware chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.push import PushMessage
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.outcome import Outcome


@dataclass
class Delivery:
    spec: ConsumerSpec
    message: PushMessage
    envelope: EventEnvelope | None = None
    event: Any = None
    detail: str = ""
    attempts: int = 0
    fields: dict[str, Any] = field(default_factory=dict)


Next = Callable[[Delivery], Outcome]
Middleware = Callable[[Delivery, Next], Outcome]


def chain(middlewares: list[Middleware], last: Next) -> Next:
    """Compose ``middlewares`` (outermost first) around ``last``."""
    handler = last
    for middleware in reversed(middlewares):
        handler = _bind(middleware, handler)
    return handler


def _bind(middleware: Middleware, following: Next) -> Next:
    def run(delivery: Delivery) -> Outcome:
        return middleware(delivery, following)

    return run
