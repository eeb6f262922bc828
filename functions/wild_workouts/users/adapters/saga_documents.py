"""The documents a users saga handler reads, known from the event alone (prefetched in one read):
the attendee's account and the ledger entry of the training."""

from __future__ import annotations

from typing import Any

from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from wild_workouts.users.adapters.firestore_account_repository import ACCOUNTS_COLLECTION
from wild_workouts.users.adapters.firestore_ledger_repository import LEDGER_COLLECTION


def users_saga_documents(event: Any, attempt: UnitOfWorkAttempt) -> list[Any]:
    client = attempt.client
    return [
        client.collection(ACCOUNTS_COLLECTION).document(event.user_id),
        client.collection(LEDGER_COLLECTION).document(f"{event.user_id}__{event.training_id}"),
    ]
