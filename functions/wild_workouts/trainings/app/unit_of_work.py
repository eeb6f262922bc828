"""The trainings module's unit of work (``shared_kernel.unit_of_work``: repositories plus the outbox)."""

from typing import Protocol

from wild_workouts.contracts.trainings_events import TrainingsEvent
from wild_workouts.shared_kernel.unit_of_work import UnitOfWork
from wild_workouts.trainings.app.repositories import TrainingRepository


class TrainingsUnitOfWork(UnitOfWork[TrainingsEvent], Protocol):
    @property
    def trainings(self) -> TrainingRepository: ...
