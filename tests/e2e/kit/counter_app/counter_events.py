"""The counter test app's events: a tiny, kit-only stand-in for a real bounded context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pipeline_kit.events.event_registry import EventRegistry


@dataclass(frozen=True)
class CounterIncremented:
    """Add ``amount`` to ``counters/<counter_id>``.

    ``amount < 0`` breaks a rule that can never pass (parked); ``transient_failures = N`` makes
    the first N deliveries of the event fail with a TransientError (nack, retried by Pub/Sub);
    ``plain_error`` (``ValueError``, ``KeyError``, …) makes the handler break a rule with that
    plain Python error instead of a kit error (parked by the error taxonomy); ``divisor = 0`` is
    a handler bug on purpose (``ZeroDivisionError``, unexpected: logged once with its traceback).
    """

    event_type: ClassVar[str] = "CounterIncremented"
    version: ClassVar[int] = 1

    counter_id: str
    amount: int
    transient_failures: int = 0
    plain_error: str = ""
    divisor: int = 1

    @property
    def aggregate_id(self) -> str:
        return self.counter_id


@dataclass(frozen=True)
class CounterChanged:
    """Emitted once per applied increment, with the counter's new value."""

    event_type: ClassVar[str] = "CounterChanged"
    version: ClassVar[int] = 1

    counter_id: str
    value: int

    @property
    def aggregate_id(self) -> str:
        return self.counter_id


def counter_registry() -> EventRegistry:
    return EventRegistry([CounterIncremented, CounterChanged])
