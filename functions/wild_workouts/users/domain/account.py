"""An attendee's training balance (aggregate, id = user id). It never goes below 0."""

from __future__ import annotations

from dataclasses import dataclass

from wild_workouts.users.domain.errors import InsufficientBalanceError, InvalidTrainingAmountError

MAX_GRANT = 1000


@dataclass(slots=True)
class Account:
    """Build with :meth:`open` (a new attendee, balance 0) or :meth:`restore` (from storage)."""

    user_id: str
    balance: int

    @classmethod
    def open(cls, user_id: str) -> Account:
        if not user_id:
            raise ValueError("user id must not be empty")
        return cls(user_id, 0)

    @classmethod
    def restore(cls, user_id: str, balance: int) -> Account:
        if balance < 0:
            raise ValueError(f"stored balance of {user_id} is negative: {balance}")
        return cls(user_id, balance)

    def grant(self, amount: int) -> None:
        if not 1 <= amount <= MAX_GRANT:
            raise InvalidTrainingAmountError(f"a grant must be between 1 and {MAX_GRANT} trainings, got {amount}")
        self.balance += amount

    def debit_one(self) -> None:
        if self.balance < 1:
            raise InsufficientBalanceError(f"training balance is {self.balance}; booking a training needs at least 1")
        self.balance -= 1

    def credit(self, amount: int) -> None:
        if amount < 0:
            raise InvalidTrainingAmountError(f"a credit must be 0 or more, got {amount}")
        self.balance += amount
