"""Charging an attendee for a training, and giving it back (domain service over Account +
LedgerEntry).

Contracts (the users part of the scheduling saga; each is idempotent and order-independent):
- schedule request: debit 1 once per training → ``TrainingBalanceDebited``, or
  ``TrainingBalanceDebitRejected`` when the balance is 0 or the training is already closed
  (then nothing changes). A repeated request gets the same answer and is not charged again.
- rejection: credit 1 back if (and only if) it was debited and not yet given back
  → ``TrainingBalanceCredited``; before any request, leave a closed entry.
- cancellation: credit the refund (0, 1 or 2) once per training; a refund of 0 records the
  cancel but publishes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from wild_workouts.contracts.users_events import (
    TrainingBalanceCredited,
    TrainingBalanceDebited,
    TrainingBalanceDebitRejected,
)
from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.errors import InsufficientBalanceError
from wild_workouts.users.domain.ledger_entry import LedgerEntry, LedgerState

ALREADY_CLOSED = "training {training_id} is already closed (rejected or canceled)"
INSUFFICIENT = RejectionCode.INSUFFICIENT_BALANCE.value
"""A debit is refused (and a refused one answered again) only for a balance below 1."""


@dataclass(frozen=True, slots=True)
class ChargeOutcome:
    entry: LedgerEntry
    event: TrainingBalanceDebited | TrainingBalanceDebitRejected | TrainingBalanceCredited | None
    changed: bool
    """True if ``entry`` (and possibly the account) changed and must be saved."""


def charge_for_request(account: Account, entry: LedgerEntry | None, training_id: str) -> ChargeOutcome:
    user_id = account.user_id
    if entry is None:
        try:
            account.debit_one()
        except InsufficientBalanceError as error:
            entry = LedgerEntry(user_id, training_id, LedgerState.DEBIT_REJECTED, 0, error.message)
            rejected = TrainingBalanceDebitRejected(user_id, training_id, error.message, INSUFFICIENT)
            return ChargeOutcome(entry, rejected, True)
        entry = LedgerEntry(user_id, training_id, LedgerState.DEBITED)
        return ChargeOutcome(entry, TrainingBalanceDebited(user_id, training_id, account.balance), True)
    if entry.state is LedgerState.DEBITED:
        debited = TrainingBalanceDebited(user_id, training_id, account.balance)
        return ChargeOutcome(entry, debited, False)
    if entry.state is LedgerState.DEBIT_REJECTED:
        reason = entry.rejection_reason or "training balance could not pay"
        return ChargeOutcome(entry, TrainingBalanceDebitRejected(user_id, training_id, reason, INSUFFICIENT), False)
    reason = ALREADY_CLOSED.format(training_id=training_id)
    closed = TrainingBalanceDebitRejected(user_id, training_id, reason, RejectionCode.TRAINING_CLOSED.value)
    return ChargeOutcome(entry, closed, False)


def credit_rejected(account: Account, entry: LedgerEntry | None, training_id: str) -> ChargeOutcome:
    user_id = account.user_id
    if entry is None:
        closed = LedgerEntry(user_id, training_id, LedgerState.CLOSED_WITHOUT_DEBIT)
        return ChargeOutcome(closed, None, True)
    if entry.state is not LedgerState.DEBITED:
        return ChargeOutcome(entry, None, False)
    account.credit(1)
    entry.state = LedgerState.CREDITED_BACK
    credited = TrainingBalanceCredited(user_id, training_id, 1, account.balance, "rejected")
    return ChargeOutcome(entry, credited, True)


def refund_canceled(account: Account, entry: LedgerEntry | None, training_id: str, refund: int) -> ChargeOutcome:
    if refund not in (0, 1, 2):
        raise ValueError(f"a cancellation refund is 0, 1 or 2, got {refund}")
    user_id = account.user_id
    if entry is None:
        closed = LedgerEntry(user_id, training_id, LedgerState.CLOSED_WITHOUT_DEBIT)
        return ChargeOutcome(closed, None, True)
    if entry.state is not LedgerState.DEBITED:
        return ChargeOutcome(entry, None, False)
    account.credit(refund)
    entry.state = LedgerState.REFUNDED
    entry.refund = refund
    event = TrainingBalanceCredited(user_id, training_id, refund, account.balance, "canceled") if refund else None
    return ChargeOutcome(entry, event, True)
