"""Wait, bounded, until something read from storage has settled: backed-off polling reads.

``wait_until_settled(read, is_settled, timeout_seconds)`` reads once at once; while the value
is not settled and the deadline has not passed it sleeps, then reads again. The sleeps follow
``Backoff`` (by default 25 ms, doubling, at most 500 ms) and are cut short at the deadline, so
the wait never outlasts ``timeout_seconds`` by more than one read. It never spins: between two
reads there is always a sleep. The last value read is returned with whether it settled and
how many reads it took. Errors of ``read`` propagate (the caller decides what they mean).

Time comes from a ``WaitClock`` (monotonic time + sleep) so tests run with a fake one and take
no time. Nothing here is specific to an application: what "settled" means is the caller's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")


class WaitClock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (only differences matter)."""
        ...

    def sleep(self, seconds: float) -> None: ...


class SystemWaitClock:
    """``time.monotonic`` and ``time.sleep``."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Sleep ``first_seconds``, then ``factor`` times longer each time, at most ``max_seconds``."""

    first_seconds: float = 0.025
    factor: float = 2.0
    max_seconds: float = 0.5

    def __post_init__(self) -> None:
        if not (0 < self.first_seconds <= self.max_seconds and self.factor >= 1):
            raise ValueError(f"backoff needs 0 < first <= max and factor >= 1, got {self}")

    def intervals(self) -> Iterator[float]:
        interval = self.first_seconds
        while True:
            yield interval
            interval = min(interval * self.factor, self.max_seconds)


@dataclass(frozen=True, slots=True)
class SettleOutcome(Generic[T]):
    value: T
    """The last value read."""
    settled: bool
    reads: int
    waited_seconds: float
    """Time between the first read starting and the last one ending (on the wait clock)."""


def wait_until_settled(
    read: Callable[[], T],
    is_settled: Callable[[T], bool],
    timeout_seconds: float,
    *,
    clock: WaitClock | None = None,
    backoff: Backoff | None = None,
) -> SettleOutcome[T]:
    clock = clock or SystemWaitClock()
    started = clock.monotonic()
    deadline = started + max(timeout_seconds, 0.0)
    value = read()
    reads = 1
    intervals = (backoff or Backoff()).intervals()
    while not is_settled(value):
        remaining = deadline - clock.monotonic()
        if remaining <= 0:
            return SettleOutcome(value, False, reads, clock.monotonic() - started)
        clock.sleep(min(next(intervals), remaining))
        value = read()
        reads += 1
    return SettleOutcome(value, True, reads, clock.monotonic() - started)
