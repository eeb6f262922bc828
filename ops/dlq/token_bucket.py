"""A token bucket: at most ``rate`` takes per second on average, bursts of at most ``burst``.

``take()`` blocks (with the injected ``sleep``) until a token is there, then spends it. The bucket
starts full, so with ``burst=1`` the first take is immediate and ``n`` takes last at least
``(n - 1) / rate`` seconds. The clock and the sleep are injectable, so the unit tests use a fake clock.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from ops.cli_support.operator_error import OperatorError

_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*([smh]))?\s*$")
_PER = {"s": 1.0, "m": 60.0, "h": 3600.0}


def parse_rate(text: str) -> float:
    """``10/s``, ``120/m``, ``5`` (per second) → messages per second. Raises OperatorError otherwise."""
    match = _RATE.match(text)
    rate = float(match.group(1)) / _PER[match.group(2) or "s"] if match else 0.0
    if rate <= 0:
        raise OperatorError(f"invalid rate {text!r}: use a positive number per s, m or h (e.g. 10/s, 120/m)")
    return rate


class TokenBucket:
    def __init__(
        self,
        rate: float,
        burst: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._sleep = sleep
        self._tokens = burst
        self._last = clock()

    def take(self) -> None:
        while True:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            if self._tokens >= 1:
                self._tokens -= 1
                return
            self._sleep((1 - self._tokens) / self.rate)
