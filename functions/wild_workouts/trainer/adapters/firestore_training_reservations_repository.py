"""The trainer's per-training saga state in ``trainer_training_reservations/<training id>``."""

from __future__ import annotations

from typing import Any

from pipeline_kit import UnitOfWorkAttempt
from wild_workouts.trainer.domain.training_reservations import TrainingReservations

RESERVATIONS_COLLECTION = "trainer_training_reservations"


class FirestoreTrainingReservationsRepository:
    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def reference(self, training_id: str) -> Any:
        """The document of the training's reservations (the unit of work prefetches it)."""
        return self._attempt.client.collection(RESERVATIONS_COLLECTION).document(training_id)

    def get(self, training_id: str) -> TrainingReservations | None:
        document = self._attempt.get(self.reference(training_id))
        if document is None:
            return None
        return TrainingReservations.restore(
            training_id=training_id,
            held_hours=list(document.get("held_hours") or []),
            closed=bool(document.get("closed")),
            answers=dict(document.get("answers") or {}),
        )

    def save(self, reservations: TrainingReservations) -> None:
        self._attempt.set(
            self.reference(reservations.training_id),
            {
                "training_id": reservations.training_id,
                "held_hours": list(reservations.held_hours),
                "closed": reservations.closed,
                "answers": dict(reservations.answers),
            },
        )
