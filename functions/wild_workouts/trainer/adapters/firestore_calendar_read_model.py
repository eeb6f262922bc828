"""The calendar read model in ``trainer_calendar/<hour id>``: {hour, availability, updated_at}.

Updates are blind writes (one commit with the processed marker, no read): per-hour order is
guaranteed by the ordering key (the hour id) of the trainer's events.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from wild_workouts.shared_kernel.utc_hour import hour_id
from wild_workouts.trainer.domain.availability import Availability

CALENDAR_COLLECTION = "trainer_calendar"


class FirestoreCalendarWriter:
    """The write side, inside a unit of work attempt."""

    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def set_availability(self, hour: datetime, availability: Availability) -> None:
        ref = self._attempt.client.collection(CALENDAR_COLLECTION).document(hour_id(hour))
        self._attempt.set(ref, {"hour": hour, "availability": availability.value, "updated_at": self._attempt.now})

    def availability_between(self, start: datetime, end: datetime) -> Mapping[datetime, Availability]:
        raise NotImplementedError("the write side does not query; use FirestoreCalendarReader")


class FirestoreCalendarReader:
    """The query side: a range query on ``hour``."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def set_availability(self, hour: datetime, availability: Availability) -> None:
        raise NotImplementedError("the read side does not write; projections use FirestoreCalendarWriter")

    def availability_between(self, start: datetime, end: datetime) -> Mapping[datetime, Availability]:
        from google.cloud.firestore_v1.base_query import FieldFilter

        from pipeline_kit.firestore.rpc_counter import FIRESTORE_RPCS

        query = (
            self._client.collection(CALENDAR_COLLECTION)
            .where(filter=FieldFilter("hour", ">=", start))
            .where(filter=FieldFilter("hour", "<", end))
        )
        FIRESTORE_RPCS.add(queries=1)
        result: dict[datetime, Availability] = {}
        for snapshot in query.stream():
            document = snapshot.to_dict()
            hour = datetime.fromtimestamp(document["hour"].timestamp(), UTC)
            result[hour] = Availability(document["availability"])
        return result
