"""Map exceptions to outcomes by the kit's error taxonomy (``routing/error_taxonomy``):
permanent → park with the reason, then ack; transient → retry (503).

An unexpected error (``routing/unexpected_error``) also leaves its traceback in
``delivery.fields["stack_trace"]``: the outcome line writes it, once.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline_kit.observability import structured_log
from pipeline_kit.routing.delivery import Delivery, Middleware, Next
from pipeline_kit.routing.error_taxonomy import ErrorKind, classify_error
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.unexpected_error import is_unexpected

Parker = Callable[[Delivery, BaseException], None]


def error_classification(parker: Parker) -> Middleware:
    """``parker(delivery, error)`` must return only once the parked copy is durably stored."""

    def classify(delivery: Delivery, following: Next) -> Outcome:
        try:
            return following(delivery)
        except Exception as error:
            delivery.detail = f"{type(error).__name__}: {error}"[:500]
            spec = delivery.spec
            kind = classify_error(error, permanent=spec.permanent_errors, transient=spec.transient_errors)
            if is_unexpected(error, permanent=spec.permanent_errors, transient=spec.transient_errors):
                delivery.fields["stack_trace"] = structured_log.format_stack_trace(error)
            if kind is ErrorKind.TRANSIENT:
                return Outcome.RETRY
            try:
                parker(delivery, error)
            except Exception as park_error:
                structured_log.error(
                    f"parking failed: {type(park_error).__name__}: {park_error}"[:500],
                    labels={"consumer": spec.name},
                )
                return Outcome.PARK_FAILED
            return Outcome.PARKED

    return classify
