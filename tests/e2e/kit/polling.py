"""Poll a condition until it holds or a deadline passes (no fixed sleeps in the tests)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(probe: Callable[[], T | None], timeout: float = 20.0, interval: float = 0.2, what: str = "") -> T:
    """The first truthy value ``probe()`` returns; AssertionError with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what or probe}")
        time.sleep(interval)
