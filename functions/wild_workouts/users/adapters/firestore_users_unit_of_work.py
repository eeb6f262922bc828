"""The users module's unit of work on the kit's optimistic Firestore attempt."""

from __future__ import annotations

from typing import Any

from pipeline_kit import EventEmitter, UnitOfWorkAttempt
from wild_workouts.adapters_common.firestore_unit_of_work import FirestoreUnitOfWork
from wild_workouts.users.adapters.firestore_account_repository import FirestoreAccountRepository
from wild_workouts.users.adapters.firestore_grant_request_repository import FirestoreGrantRequestRepository
from wild_workouts.users.adapters.firestore_ledger_repository import FirestoreLedgerRepository


class FirestoreUsersUnitOfWork(FirestoreUnitOfWork):
    def __init__(self, attempt: UnitOfWorkAttempt, emitter: EventEmitter) -> None:
        super().__init__(attempt, emitter)
        self._accounts = FirestoreAccountRepository(attempt)
        self._ledger = FirestoreLedgerRepository(attempt)
        self._grant_requests = FirestoreGrantRequestRepository(attempt)

    @property
    def accounts(self) -> FirestoreAccountRepository:
        return self._accounts

    @property
    def ledger(self) -> FirestoreLedgerRepository:
        return self._ledger

    @property
    def grant_requests(self) -> FirestoreGrantRequestRepository:
        return self._grant_requests

    def prefetch_for(self, event: Any) -> None:
        """A trainings event (the balance side): the attendee's account and the training's
        ledger entry, in one read."""
        self.attempt.prefetch(
            [self._accounts.reference(event.user_id), self._ledger.reference(event.user_id, event.training_id)]
        )
