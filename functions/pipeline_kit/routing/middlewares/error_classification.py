"""Map exceptions to outcomes: permanent → park then ack, everything else → retry (503)."""

from __future__ import annotations

from collections.abc import Callable

from pipeline_kit.events.event_envelope import MalformedEnvelope
from pipeline_kit.events.event_registry import (
    InvalidEventPayload,
    UnknownEventType,
    UnsupportedEventVersion,
)
from pipeline_kit.observability import structured_log
from pipeline_kit.routing.delivery import Delivery, Middleware, Next
from pipeline_kit.routing.handler_errors import PermanentError
from pipeline_kit.routing.outcome import Outcome

KIT_PERMANENT_ERRORS: tuple[type[BaseException], ...] = (
    PermanentError,
    MalformedEnvelope,
    UnknownEventType,
    UnsupportedEventVersion,
    InvalidEventPayload,
)

Parker = Callable[[Delivery, BaseException], None]


def error_classification(parker: Parker) -> Middleware:
    """``parker(delivery, error)`` must return only once the parked copy is durably stored."""

    def classify(delivery: Delivery, following: Next) -> Outcome:
        try:
            return following(delivery)
        except KIT_PERMANENT_ERRORS + delivery.spec.permanent_errors as error:
            delivery.detail = f"{type(error).__name__}: {error}"[:500]
            try:
                parker(delivery, error)
            except Exception as park_error:
                structured_log.error(
                    f"parking failed: {type(park_error).__name__}: {park_error}"[:500],
                    labels={"consumer": delivery.spec.name},
                )
                return Outcome.PARK_FAILED
            return Outcome.PARKED
        except Exception as error:
            delivery.detail = f"{type(error).__name__}: {error}"[:500]
            return Outcome.RETRY

    return classify
