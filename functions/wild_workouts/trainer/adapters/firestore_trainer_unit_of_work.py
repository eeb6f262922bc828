"""The trainer module's unit of work on the kit's optimistic Firestore attempt."""

from __future__ import annotations

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from wild_workouts.adapters_common.kit_unit_of_work import KitUnitOfWork
from wild_workouts.trainer.adapters.firestore_hour_repository import FirestoreHourRepository
from wild_workouts.trainer.adapters.firestore_training_reservations_repository import (
    FirestoreTrainingReservationsRepository,
)


class FirestoreTrainerUnitOfWork(KitUnitOfWork):
    def __init__(self, attempt: UnitOfWorkAttempt, emitter: EventEmitter) -> None:
        super().__init__(attempt, emitter)
        self._hours = FirestoreHourRepository(attempt)
        self._reservations = FirestoreTrainingReservationsRepository(attempt)

    @property
    def hours(self) -> FirestoreHourRepository:
        return self._hours

    @property
    def reservations(self) -> FirestoreTrainingReservationsRepository:
        return self._reservations
