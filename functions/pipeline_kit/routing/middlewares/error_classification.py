"""Map exceptions to outcomes by the kit's error taxonomy (``routing/error_taxonomy``):
permanent → park with the reason, then ack; transient → retry (503).

The returned ``PushResult`` carries the reason in ``detail``; an unexpected error
(``routing/unexpected_error``) also returns its traceback in ``stack_trace``: the outcome line
writes it, once.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline_kit.observability import structured_log
from pipeline_kit.routing.delivery import Delivery, Middleware, Next
from pipeline_kit.routing.error_taxonomy import ErrorKind, classify_error
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult
from pipeline_kit.routing.unexpected_error import is_unexpected

Parker = Callable[[Delivery, BaseException], None]


def error_classification(parker: Parker) -> Middleware:
    """``parker(delivery, error)`` must return only once the parked copy is durably stored."""

    def classify(delivery: Delivery, following: Next) -> PushResult:
        try:
            return following(delivery)
        except Exception as error:
            detail = f"{type(error).__name__}: {error}"[:500]
            spec = delivery.consumer
            kind = classify_error(error, permanent=spec.permanent_errors, transient=spec.transient_errors)
            stack_trace = None
            if is_unexpected(error, permanent=spec.permanent_errors, transient=spec.transient_errors):
                stack_trace = structured_log.format_stack_trace(error)
            if kind is ErrorKind.TRANSIENT:
                return PushResult(Outcome.RETRY, detail, stack_trace=stack_trace)
            try:
                parker(delivery, error)
            except Exception as park_error:
                structured_log.error(
                    f"parking failed: {type(park_error).__name__}: {park_error}"[:500],
                    labels={"consumer": spec.name},
                )
                return PushResult(Outcome.PARK_FAILED, detail, stack_trace=stack_trace)
            return PushResult(Outcome.PARKED, detail, stack_trace=stack_trace)

    return classify
