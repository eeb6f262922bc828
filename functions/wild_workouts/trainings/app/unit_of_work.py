"""The trainings module's unit of work: its repository plus the outbox.

The pipeline kit runs each handler inside one optimistic Firestore transaction and may run
it again with a fresh unit of work on a write conflict: everything a handler does goes
through this object, and ``publish`` adds the event to the outbox in the same commit.
"""

from typing import Protocol

from wild_workouts.contracts.trainings_events import TrainingsEvent
from wild_workouts.trainings.app.repositories import TrainingRepository


class TrainingsUnitOfWork(Protocol):
    @property
    def trainings(self) -> TrainingRepository: ...

    def publish(self, event: TrainingsEvent) -> None: ...
