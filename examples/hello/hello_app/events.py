"""Hello's one event: a frozen dataclass with its type, its version and its aggregate id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pipeline_kit import EventRegistry


@dataclass(frozen=True)
class GreetingRequested:
    """Someone asked to greet ``name``; ``greeting_id`` names the greeting (and orders its events)."""

    event_type: ClassVar[str] = "GreetingRequested"
    version: ClassVar[int] = 1

    greeting_id: str
    name: str

    @property
    def aggregate_id(self) -> str:
        return self.greeting_id


def hello_registry() -> EventRegistry:
    """Every event type Hello publishes or handles (the topology lists the same)."""
    return EventRegistry([GreetingRequested])
