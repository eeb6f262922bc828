"""The trainer module's unit of work: its repositories plus the outbox.

The pipeline kit runs each handler inside one optimistic Firestore transaction and may run
it again with a fresh unit of work on a write conflict: everything a handler does goes
through this object, and ``publish`` adds the event to the outbox in the same commit.
"""

from typing import Protocol

from wild_workouts.contracts.trainer_events import TrainerEvent
from wild_workouts.trainer.app.repositories import HourRepository, TrainingReservationsRepository


class TrainerUnitOfWork(Protocol):
    @property
    def hours(self) -> HourRepository: ...

    @property
    def reservations(self) -> TrainingReservationsRepository: ...

    def publish(self, event: TrainerEvent) -> None: ...
