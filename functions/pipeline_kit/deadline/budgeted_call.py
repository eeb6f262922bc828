"""Run one blocking Google API call (Firestore read, query, commit; Pub/Sub publish) within the
delivery's remaining time budget.

A timeout alone does not bound a call: the client libraries retry on their own (Firestore's
batched reads and queries for up to 300 s, commits and single reads for 60 s), and once less
than a second of the timeout is left each retry gets the *whole* timeout again. So inside a
delivery (the deadline guard set a deadline) ``call_within_budget(call)`` runs
``call({"retry": None, "timeout": left})``: the library does not retry, each attempt gets at
most the time left, and the kit retries transient errors itself, with a short jittered backoff,
only while the budget lasts. When it is spent, the last error is raised (or the kit's
``DeadlineExceeded``): both are transient, the consumer answers 503 in time.

Outside a delivery (HTTP commands, the sweeper, background marking) the call keeps the
library's own retry and timeout (``call({})``), unless ``default_timeout`` is given: then the
same bounded loop runs within that many seconds.

``call`` must consume the whole answer (e.g. ``list(stream)``) so that every byte of it is
waited for inside the bound, and must be safe to repeat after a transient error (reads are;
a commit with preconditions or a processed marker is: a repeat that finds its own earlier
write fails the precondition, which the unit of work handles).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from pipeline_kit.deadline.delivery_deadline import DeadlineExceeded, remaining_seconds
from pipeline_kit.errors.transient_errors import is_transient

T = TypeVar("T")
CallOptions = dict[str, Any]

FIRST_PAUSE_SECONDS = 0.05
MAX_PAUSE_SECONDS = 1.0
MIN_ATTEMPT_SECONDS = 0.05  # no new attempt with less time than this left


def call_within_budget(
    call: Callable[[CallOptions], T],
    *,
    default_timeout: float | None = None,
    retryable: Callable[[BaseException], bool] = is_transient,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``call(options)`` bounded by the remaining budget (capped by ``default_timeout``); see the module."""
    left = remaining_seconds()
    if left is None and default_timeout is None:
        return call({})
    budget = min(x for x in (left, default_timeout) if x is not None)
    ends = time.monotonic() + budget
    pause = FIRST_PAUSE_SECONDS
    while True:
        left = ends - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded("no time left for the call (the message's budget or the call's timeout is spent)")
        try:
            return call({"retry": None, "timeout": left})
        except Exception as error:
            if not retryable(error):
                raise
            wait = pause * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not crypto
            if ends - time.monotonic() < wait + MIN_ATTEMPT_SECONDS:
                raise
            sleep(wait)
            pause = min(pause * 2, MAX_PAUSE_SECONDS)
