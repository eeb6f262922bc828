"""The users module's unit of work on the kit's optimistic Firestore attempt."""

from __future__ import annotations

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from wild_workouts.adapters_common.kit_unit_of_work import KitUnitOfWork
from wild_workouts.users.adapters.firestore_account_repository import FirestoreAccountRepository
from wild_workouts.users.adapters.firestore_grant_request_repository import FirestoreGrantRequestRepository
from wild_workouts.users.adapters.firestore_ledger_repository import FirestoreLedgerRepository


class FirestoreUsersUnitOfWork(KitUnitOfWork):
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
