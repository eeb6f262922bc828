"""Persisting a charge outcome (shared by the users saga handlers)."""

from wild_workouts.users.app.unit_of_work import UsersUnitOfWork
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.training_charges import ChargeOutcome


def save_outcome(outcome: ChargeOutcome, account: Account, uow: UsersUnitOfWork) -> None:
    """Save what changed and publish the outcome's event (if any), in the same transaction."""
    if outcome.changed:
        uow.accounts.save(account)
        uow.ledger.save(outcome.entry)
    if outcome.event is not None:
        uow.publish(outcome.event)
