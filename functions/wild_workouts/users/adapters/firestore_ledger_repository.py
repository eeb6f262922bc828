"""The per-(attendee, training) ledger in ``users_ledger/<user id>__<training id>``."""

from __future__ import annotations

from typing import Any

from pipeline_kit import UnitOfWorkAttempt
from wild_workouts.users.domain.ledger_entry import LedgerEntry, LedgerState

LEDGER_COLLECTION = "users_ledger"


class FirestoreLedgerRepository:
    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def reference(self, user_id: str, training_id: str) -> Any:
        """The document of the (attendee, training) entry (the unit of work prefetches it)."""
        return self._attempt.client.collection(LEDGER_COLLECTION).document(f"{user_id}__{training_id}")

    def get(self, user_id: str, training_id: str) -> LedgerEntry | None:
        document = self._attempt.get(self.reference(user_id, training_id))
        if document is None:
            return None
        return LedgerEntry.restore(
            user_id,
            training_id,
            LedgerState(document["state"]),
            int(document.get("refund", 0)),
            document.get("rejection_reason"),
        )

    def save(self, entry: LedgerEntry) -> None:
        self._attempt.set(
            self.reference(entry.user_id, entry.training_id),
            {
                "user_id": entry.user_id,
                "training_id": entry.training_id,
                "state": entry.state.value,
                "refund": entry.refund,
                "rejection_reason": entry.rejection_reason,
            },
        )
