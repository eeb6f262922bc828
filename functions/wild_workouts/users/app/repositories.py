"""Repository ports of the users module.

``get`` returns a detached copy (None when absent); changes persist only through ``save``
(an upsert) inside the unit of work's transaction.
"""

from typing import Protocol

from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.grant_request import GrantRequest
from wild_workouts.users.domain.ledger_entry import LedgerEntry


class AccountRepository(Protocol):
    def get(self, user_id: str) -> Account | None: ...

    def save(self, account: Account) -> None: ...


class LedgerRepository(Protocol):
    """One entry per (attendee, training)."""

    def get(self, user_id: str, training_id: str) -> LedgerEntry | None: ...

    def save(self, entry: LedgerEntry) -> None: ...


class GrantRequestRepository(Protocol):
    """Grants made with an idempotency key, by ``GrantRequest.request_id``."""

    def get(self, request_id: str) -> GrantRequest | None: ...

    def save(self, request: GrantRequest) -> None: ...
