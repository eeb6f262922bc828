"""The trainer module's unit of work on the kit's optimistic Firestore attempt."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from pipeline_kit import EventEmitter, UnitOfWorkAttempt
from wild_workouts.adapters_common.firestore_unit_of_work import FirestoreUnitOfWork
from wild_workouts.trainer.adapters.firestore_hour_repository import FirestoreHourRepository
from wild_workouts.trainer.adapters.firestore_training_reservations_repository import (
    FirestoreTrainingReservationsRepository,
)


class FirestoreTrainerUnitOfWork(FirestoreUnitOfWork):
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

    def prefetch_for(self, event: Any) -> None:
        """A trainings event (the saga side): the training's reservations and every hour the
        event names (each of its ``datetime`` fields), in one read."""
        refs = [self._reservations.reference(event.training_id)]
        for field in dataclasses.fields(event):
            value = getattr(event, field.name)
            if isinstance(value, datetime):
                refs.append(self._hours.reference(value))
        self.attempt.prefetch(refs)
