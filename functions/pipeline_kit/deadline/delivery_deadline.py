"""The time budget of the message being handled (a cooperative deadline).

The deadline guard sets it from the subscription's ack deadline; every blocking call the kit
makes for the message (Firestore reads and commits, publishing) gets at most the remaining
time as its timeout, and no new attempt starts once it is spent. Running out raises
``DeadlineExceeded`` (transient → 503), before Pub/Sub would redeliver the message anyway.
Handlers are pure (no I/O of their own), so the kit's calls are where the time goes.
"""

from __future__ import annotations

import time
from contextvars import ContextVar, Token

from pipeline_kit.errors.handler_errors import TransientError

_deadline: ContextVar[float | None] = ContextVar("pipeline_kit_delivery_deadline", default=None)


class DeadlineExceeded(TransientError):
    """The message's time budget is spent: answer 503 now rather than be redelivered while running."""


def start_deadline(budget_seconds: float) -> Token[float | None]:
    return _deadline.set(time.monotonic() + budget_seconds)


def clear_deadline(token: Token[float | None]) -> None:
    _deadline.reset(token)


def remaining_seconds() -> float | None:
    """Seconds left, or None when no deadline applies (e.g. an HTTP command)."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


def timeout_within_deadline(default: float | None = None) -> float | None:
    """A timeout for the next blocking call: the remaining time (capped by ``default``).

    Raises DeadlineExceeded when nothing is left.
    """
    left = remaining_seconds()
    if left is None:
        return default
    if left <= 0:
        raise DeadlineExceeded("the message's time budget (ack deadline minus a margin) is spent")
    return left if default is None else min(left, default)
