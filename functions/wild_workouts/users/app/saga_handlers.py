"""The users module's event handlers for the trainings saga (consumer ``users-on-trainings``).

A requested training is debited one training (``TrainingBalanceDebited`` /
``TrainingBalanceDebitRejected``); a rejected one gives it back and a canceled one credits its
refund (``TrainingBalanceCredited``). Each is idempotent, charged once per (attendee,
training), in any order of arrival (``domain.training_charges``); an attendee never seen
before has balance 0.
"""

from wild_workouts.contracts.trainings_events import TrainingCanceled, TrainingRejected, TrainingScheduleRequested
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.training_charges import (
    ChargeOutcome,
    charge_for_request,
    credit_rejected,
    refund_canceled,
)


def handle_training_schedule_requested(event: TrainingScheduleRequested, uow: UsersUnitOfWork) -> None:
    """Debit one training; a repeat gets the same answer, and a training already rejected or
    canceled is refused with no effect."""
    account = uow.accounts.get(event.user_id) or Account.open(event.user_id)
    entry = uow.ledger.get(event.user_id, event.training_id)
    _save_outcome(charge_for_request(account, entry, event.training_id), account, uow)


def handle_training_rejected(event: TrainingRejected, uow: UsersUnitOfWork) -> None:
    """Compensation: credit 1 if (and only if) it was debited and not given back yet. A
    rejection arriving before the request leaves a closed entry, so the request is refused."""
    account = uow.accounts.get(event.user_id) or Account.open(event.user_id)
    entry = uow.ledger.get(event.user_id, event.training_id)
    _save_outcome(credit_rejected(account, entry, event.training_id), account, uow)


def handle_training_canceled(event: TrainingCanceled, uow: UsersUnitOfWork) -> None:
    """Credit the cancellation's refund (0, 1 or 2), once per training."""
    account = uow.accounts.get(event.user_id) or Account.open(event.user_id)
    entry = uow.ledger.get(event.user_id, event.training_id)
    _save_outcome(refund_canceled(account, entry, event.training_id, event.refund), account, uow)


def _save_outcome(outcome: ChargeOutcome, account: Account, uow: UsersUnitOfWork) -> None:
    """Save what changed and publish the outcome's event (if any), in the same transaction."""
    if outcome.changed:
        uow.accounts.save(account)
        uow.ledger.save(outcome.entry)
    if outcome.event is not None:
        uow.publish(outcome.event)
