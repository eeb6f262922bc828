"""Hours in ``trainer_hours/<hour id>``: {time, availability, training_id, version}.

``version`` is absent on hours stored before versions existed (read as 0).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pipeline_kit import UnitOfWorkAttempt
from wild_workouts.shared_kernel.utc_hour import hour_id
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour import Hour

HOURS_COLLECTION = "trainer_hours"


class FirestoreHourRepository:
    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def reference(self, time: datetime) -> Any:
        """The document of the hour at ``time`` (the unit of work prefetches it)."""
        return self._attempt.client.collection(HOURS_COLLECTION).document(hour_id(time))

    def get(self, time: datetime) -> Hour | None:
        document = self._attempt.get(self.reference(time))
        if document is None:
            return None
        return Hour.restore(
            time=document["time"],
            availability=Availability(document["availability"]),
            training_id=document.get("training_id"),
            version=int(document.get("version", 0)),
        )

    def save(self, hour: Hour) -> None:
        self._attempt.set(
            self.reference(hour.time),
            {
                "time": hour.time,
                "availability": hour.availability.value,
                "training_id": hour.training_id,
                "version": hour.version,
            },
        )
