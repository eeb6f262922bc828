"""The first request of a process: the cyclic garbage collector is paused while it runs.

A Cloud Run instance loads most of its code on its first request (the entry points import
lazily): the Firestore and Pub/Sub client libraries, gRPC, protobuf and the kit, a few hundred
thousand objects. While they load, the collector would walk the growing heap again and again
(about a tenth of the import time here) to find almost no garbage. So the first request runs
with the collector paused; when it ends, what was loaded is frozen (``gc.freeze``: moved to a
permanent generation that later collections skip, the pattern CPython's ``gc`` documentation
gives for long-lived start-up objects) and the collector is resumed.

Only the first request pauses (concurrent first requests run while it is paused), a process
whose collector was already off is left alone, and the collector is resumed even when the
request fails.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_started = False


def gc_paused_on_first_request(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate an entry point: its first call in the process runs with the collector paused."""

    @functools.wraps(function)
    def entry(*args: P.args, **kwargs: P.kwargs) -> R:
        if _started or not _claim_first_request():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.freeze()
            gc.enable()

    return entry


def _claim_first_request() -> bool:
    """True for the one caller that pauses the collector (and only if it is running)."""
    global _started  # noqa: PLW0603 - once per process
    with _lock:
        if _started:
            return False
        _started = True
        return gc.isenabled()
