"""What the users module did for one training of one attendee (aggregate, id = training id).

The users side of the saga's state: every order of arrival of the request, the rejection
and the cancellation converges because each step looks at (and records) this entry.

States:
- ``debited``: 1 training was taken for it (the booking stands, so far);
- ``debit_rejected``: the balance could not pay; nothing was taken;
- ``credited_back``: it was debited, then rejected, and the 1 was given back;
- ``refunded``: it was debited, then canceled, and ``refund`` (0, 1 or 2) was given back;
- ``closed_without_debit``: rejected or canceled before its request arrived; the late
  request is refused with no effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LedgerState(StrEnum):
    DEBITED = "debited"
    DEBIT_REJECTED = "debit_rejected"
    CREDITED_BACK = "credited_back"
    REFUNDED = "refunded"
    CLOSED_WITHOUT_DEBIT = "closed_without_debit"


@dataclass(slots=True)
class LedgerEntry:
    user_id: str
    training_id: str
    state: LedgerState
    refund: int = 0
    rejection_reason: str | None = None

    @classmethod
    def restore(
        cls,
        user_id: str,
        training_id: str,
        state: LedgerState,
        refund: int,
        rejection_reason: str | None,
    ) -> LedgerEntry:
        if refund not in (0, 1, 2) or (refund and state is not LedgerState.REFUNDED):
            raise ValueError(f"stored ledger entry {training_id} has refund {refund} in {state}")
        return cls(user_id, training_id, state, refund, rejection_reason)

    @property
    def net_charge(self) -> int:
        """Trainings this training costs the attendee now (1 while debited, 1 − refund after
        a cancel, 0 otherwise)."""
        if self.state is LedgerState.DEBITED:
            return 1
        if self.state is LedgerState.REFUNDED:
            return 1 - self.refund
        return 0
