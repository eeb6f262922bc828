"""Repository ports of the trainer module (implemented by Firestore adapters and test fakes).

``get`` returns a detached copy (None when absent); changes persist only through ``save``
(an upsert) inside the unit of work's transaction.
"""

from datetime import datetime
from typing import Protocol

from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.training_reservations import TrainingReservations


class HourRepository(Protocol):
    def get(self, time: datetime) -> Hour | None: ...

    def save(self, hour: Hour) -> None: ...


class TrainingReservationsRepository(Protocol):
    def get(self, training_id: str) -> TrainingReservations | None: ...

    def save(self, reservations: TrainingReservations) -> None: ...
