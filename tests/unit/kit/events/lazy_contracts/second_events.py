"""A contracts module for the lazy registry tests (loaded only through the registry)."""

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class SecondHappened:
    event_type: ClassVar[str] = "SecondHappened"
    version: ClassVar[int] = 1

    thing_id: str

    @property
    def aggregate_id(self) -> str:
        return self.thing_id
