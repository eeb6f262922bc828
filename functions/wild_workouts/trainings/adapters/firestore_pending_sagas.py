"""The pending sagas, queried from ``trainings`` (``PendingSagas`` on Firestore).

Both queries use Firestore's automatic single-field indexes, no composite index:
- overdue: ``deadline_at <= now`` ordered by ``deadline_at`` (a range on one field; the
  repository sets ``deadline_at`` only while a training is pending, and a null never
  matches a range on timestamps, so settled trainings are not scanned);
- pending: ``status == "pending"``, sorted here by request time (few at any moment).
Each query is bounded by ``timeout`` seconds, without the client library's retries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wild_workouts.trainings.adapters.firestore_training_repository import TRAININGS_COLLECTION, training_of_document
from wild_workouts.trainings.app.pending_sagas import PendingSaga
from wild_workouts.trainings.domain.training_status import TrainingStatus


class FirestorePendingSagas:
    def __init__(self, client: Any, timeout: float = 20.0) -> None:
        self._client = client
        self._timeout = timeout

    def overdue_ids(self, now: datetime, limit: int) -> list[str]:
        from google.cloud.firestore_v1.base_query import FieldFilter

        query = (
            self._client.collection(TRAININGS_COLLECTION)
            .where(filter=FieldFilter("deadline_at", "<=", now))
            .order_by("deadline_at")
            .limit(limit)
            .select([])
        )
        return [snapshot.id for snapshot in query.stream(retry=None, timeout=self._timeout)]

    def pending(self, limit: int) -> list[PendingSaga]:
        from google.cloud.firestore_v1.base_query import FieldFilter

        query = (
            self._client.collection(TRAININGS_COLLECTION)
            .where(filter=FieldFilter("status", "==", TrainingStatus.PENDING.value))
            .limit(limit)
        )
        sagas = []
        for snapshot in query.stream(retry=None, timeout=self._timeout):
            training = training_of_document(snapshot.id, snapshot.to_dict() or {})
            if training.status is not TrainingStatus.PENDING:
                continue
            sagas.append(
                PendingSaga(
                    training_id=training.training_id,
                    user_id=training.user_id,
                    hour=training.hour,
                    requested_at=training.requested_at,
                    deadline_at=training.deadline_at,
                    missing=training.missing_answers,
                )
            )
        return sorted(sagas, key=lambda saga: (saga.requested_at is not None, saga.requested_at or saga.hour))
