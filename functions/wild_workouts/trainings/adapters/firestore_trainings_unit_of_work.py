"""The trainings module's unit of work on the kit's optimistic Firestore attempt."""

from __future__ import annotations

from typing import Any

from pipeline_kit import EventEmitter, UnitOfWorkAttempt
from wild_workouts.adapters_common.firestore_unit_of_work import FirestoreUnitOfWork
from wild_workouts.trainings.adapters.firestore_training_repository import FirestoreTrainingRepository


class FirestoreTrainingsUnitOfWork(FirestoreUnitOfWork):
    def __init__(self, attempt: UnitOfWorkAttempt, emitter: EventEmitter) -> None:
        super().__init__(attempt, emitter)
        self._trainings = FirestoreTrainingRepository(attempt)

    @property
    def trainings(self) -> FirestoreTrainingRepository:
        return self._trainings

    def prefetch_for(self, event: Any) -> None:
        """A saga answer (trainer or users event): the training it answers, in one read."""
        self.attempt.prefetch([self._trainings.reference(event.training_id)])
