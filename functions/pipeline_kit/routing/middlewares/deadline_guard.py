"""Answer before the subscription's ack deadline.

Pub/Sub redelivers a push message whose request outlives the ack deadline, while the first
attempt is still running. The guard runs the rest of the chain in a worker thread and answers
503 (retry) when the consumer's time budget (ack deadline minus a margin) runs out. The
worker may still finish and commit; the redelivery then finds the processed marker and acks
it as a duplicate, so nothing is applied twice.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from pipeline_kit.observability.trace_context import current_context, enter_context, exit_context
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.outcome import Outcome

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _executor  # noqa: PLW0603 - one pool per process
    if _executor is None:
        with _lock:
            if _executor is None:
                _executor = ThreadPoolExecutor(max_workers=32, thread_name_prefix="deadline-guard")
    return _executor


def deadline_guard(delivery: Delivery, following: Next) -> Outcome:
    context = current_context()

    def run() -> Outcome:
        token = enter_context(context) if context is not None else None
        try:
            return following(delivery)
        finally:
            if token is not None:
                exit_context(token)

    future = _pool().submit(run)
    try:
        return future.result(timeout=delivery.spec.time_budget_seconds)
    except FutureTimeout:
        delivery.detail = f"deadline guard: no answer within {delivery.spec.time_budget_seconds:.0f}s"
        return Outcome.RETRY
