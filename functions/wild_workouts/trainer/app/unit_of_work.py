"""The trainer module's unit of work (``shared_kernel.unit_of_work``: repositories plus the outbox)."""

from typing import Protocol

from wild_workouts.contracts.trainer_events import TrainerEvent
from wild_workouts.shared_kernel.unit_of_work import UnitOfWork
from wild_workouts.trainer.app.repositories import HourRepository, TrainingReservationsRepository


class TrainerUnitOfWork(UnitOfWork[TrainerEvent], Protocol):
    @property
    def hours(self) -> HourRepository: ...

    @property
    def reservations(self) -> TrainingReservationsRepository: ...
