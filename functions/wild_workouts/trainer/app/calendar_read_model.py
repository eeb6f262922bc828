"""The trainer calendar read model port: each hour's availability, updated from events.

Eventually consistent: it lags the hours themselves. Hours never set are absent (the
query shows them as ``not_available``).
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from wild_workouts.trainer.domain.availability import Availability


class CalendarReadModel(Protocol):
    def set_availability(self, hour: datetime, availability: Availability) -> None: ...

    def availability_between(self, start: datetime, end: datetime) -> Mapping[datetime, Availability]:
        """The stored hours ``start <= hour < end`` (aware UTC keys)."""
        ...
