"""Attendee accounts in ``users_accounts/<user id>``: {user_id, balance}."""

from __future__ import annotations

from typing import Any

from pipeline_kit import UnitOfWorkAttempt
from wild_workouts.users.domain.account import Account

ACCOUNTS_COLLECTION = "users_accounts"


class FirestoreAccountRepository:
    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def reference(self, user_id: str) -> Any:
        """The document of the attendee's account (the unit of work prefetches it)."""
        return self._attempt.client.collection(ACCOUNTS_COLLECTION).document(user_id)

    def get(self, user_id: str) -> Account | None:
        document = self._attempt.get(self.reference(user_id))
        if document is None:
            return None
        return Account.restore(user_id, int(document["balance"]))

    def save(self, account: Account) -> None:
        self._attempt.set(self.reference(account.user_id), {"user_id": account.user_id, "balance": account.balance})
