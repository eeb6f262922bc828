"""The users module's unit of work (``shared_kernel.unit_of_work``: repositories plus the outbox)."""

from typing import Protocol

from wild_workouts.contracts.users_events import UsersEvent
from wild_workouts.shared_kernel.unit_of_work import UnitOfWork
from wild_workouts.users.app.repositories import AccountRepository, GrantRequestRepository, LedgerRepository


class UsersUnitOfWork(UnitOfWork[UsersEvent], Protocol):
    @property
    def accounts(self) -> AccountRepository: ...

    @property
    def ledger(self) -> LedgerRepository: ...

    @property
    def grant_requests(self) -> GrantRequestRepository: ...
