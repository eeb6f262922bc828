"""The trainings module's unit of work on the kit's optimistic Firestore attempt."""

from __future__ import annotations

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from wild_workouts.adapters_common.kit_unit_of_work import KitUnitOfWork
from wild_workouts.trainings.adapters.firestore_training_repository import FirestoreTrainingRepository


class FirestoreTrainingsUnitOfWork(KitUnitOfWork):
    def __init__(self, attempt: UnitOfWorkAttempt, emitter: EventEmitter) -> None:
        super().__init__(attempt, emitter)
        self._trainings = FirestoreTrainingRepository(attempt)

    @property
    def trainings(self) -> FirestoreTrainingRepository:
        return self._trainings
