"""The trainer calendar read model ports: each hour's availability, written from events
(``CalendarWriter``) and queried (``CalendarReader``).

Eventually consistent: it lags the hours themselves. Hours never set are absent (the
query shows them as ``not_available``).

Convergent in any order of arrival: each write carries the hour's version (``hour_version``
of the event) and the model keeps, per hour, the entry with the greatest
``(hour_version, rank of the availability)``, ranks ``not_available`` < ``available`` <
``training_scheduled``. A duplicate changes nothing and an older change is ignored; two
different availabilities share a version only for version 0 (no version known), where the
rank decides so that every order gives the same result.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from wild_workouts.trainer.domain.availability import Availability

AVAILABILITY_RANK: Mapping[Availability, int] = {
    Availability.NOT_AVAILABLE: 0,
    Availability.AVAILABLE: 1,
    Availability.TRAINING_SCHEDULED: 2,
}
"""The tie-break between two entries of the same hour version (see the module docstring)."""


class CalendarWriter(Protocol):
    """The write side (the calendar projection), inside a unit of work."""

    def set_availability(self, hour: datetime, availability: Availability, hour_version: int) -> None:
        """Record ``availability`` as of ``hour_version``, unless a newer entry is stored."""
        ...


class CalendarReader(Protocol):
    """The query side (the calendar and availability queries)."""

    def availability_between(self, start: datetime, end: datetime) -> Mapping[datetime, Availability]:
        """The stored hours ``start <= hour < end`` (aware UTC keys)."""
        ...
