"""Repository port of the trainings module.

``get`` returns a detached copy (None when absent); changes persist only through ``save``
(an upsert) inside the unit of work's transaction.
"""

from typing import Protocol

from wild_workouts.trainings.domain.training import Training


class TrainingRepository(Protocol):
    def get(self, training_id: str) -> Training | None: ...

    def save(self, training: Training) -> None: ...
