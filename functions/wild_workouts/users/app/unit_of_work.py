"""The users module's unit of work: its repositories plus the outbox.

The pipeline kit runs each handler inside one optimistic Firestore transaction and may run
it again with a fresh unit of work on a write conflict: everything a handler does goes
through this object, and ``publish`` adds the event to the outbox in the same commit.
"""

from typing import Protocol

from wild_workouts.contracts.users_events import UsersEvent
from wild_workouts.users.app.repositories import AccountRepository, GrantRequestRepository, LedgerRepository


class UsersUnitOfWork(Protocol):
    @property
    def accounts(self) -> AccountRepository: ...

    @property
    def ledger(self) -> LedgerRepository: ...

    @property
    def grant_requests(self) -> GrantRequestRepository: ...

    def publish(self, event: UsersEvent) -> None: ...
