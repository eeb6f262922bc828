"""One step of a request's journey, whichever record it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The order of hops recorded at the same instant: cause before effect.
KIND_ORDER = ("command", "http", "committed", "published", "delivered", "parked", "redriven", "applied", "log")


@dataclass(frozen=True)
class TraceHop:
    at: datetime
    kind: str  # one of KIND_ORDER
    where: str  # "api", the consumer, or the topic
    event_type: str = ""
    event_id: str = ""
    outcome: str = ""
    duration_ms: float | None = None
    attempt: str = ""
    detail: str = ""

    def sort_key(self) -> tuple[datetime, int]:
        return self.at, KIND_ORDER.index(self.kind) if self.kind in KIND_ORDER else len(KIND_ORDER)
