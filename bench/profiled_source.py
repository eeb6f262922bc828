"""A functions-framework source that serves another source's target under cProfile.

Loaded by path (``--source``) with ``BENCH_PROFILE_SOURCE`` (the real source file),
``BENCH_PROFILE_TARGET`` (its target) and ``BENCH_PROFILE_OUT`` (a pstats file). Every thread
started after this module is imported gets its own ``cProfile.Profile`` (gunicorn's request
threads, the span exporter's, the outbox sent marker's), so the whole process's CPU is seen;
at exit (the worker's graceful stop) the profiles are merged into ``BENCH_PROFILE_OUT.<pid>``
(one file per process of the server: gunicorn's master and its worker).
"""

from __future__ import annotations

import atexit
import cProfile
import importlib.util
import os
import pstats
import sys
import threading
import time
from pathlib import Path
from typing import Any

_PROFILES: list[cProfile.Profile] = []
_LOCK = threading.Lock()


def _start_profiling_this_thread(*_: Any) -> None:
    profile = cProfile.Profile(time.thread_time)  # CPU time of this thread, not wall time
    with _LOCK:
        _PROFILES.append(profile)
    profile.enable()  # replaces this hook for the thread


def _dump() -> None:
    with _LOCK:
        profiles = [profile for profile in _PROFILES if profile.getstats()]
    if not profiles:
        return
    for profile in profiles:
        profile.create_stats()
    stats = pstats.Stats(*profiles)
    stats.dump_stats(f"{os.environ['BENCH_PROFILE_OUT']}.{os.getpid()}")


_source = Path(os.environ["BENCH_PROFILE_SOURCE"])
_spec = importlib.util.spec_from_file_location("profiled_target_source", _source)
assert _spec is not None and _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _module
_spec.loader.exec_module(_module)
threading.setprofile(_start_profiling_this_thread)
atexit.register(_dump)

profiled = getattr(_module, os.environ["BENCH_PROFILE_TARGET"])
