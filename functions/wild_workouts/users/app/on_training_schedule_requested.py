"""Event handler: debit one training for a requested training
→ TrainingBalanceDebited / TrainingBalanceDebitRejected.

Idempotent: charged once per training; a repeat gets the same answer; a training already
rejected or canceled is refused with no effect. An attendee never seen before has balance 0.
"""

from wild_workouts.contracts.trainings_events import TrainingScheduleRequested
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.users.app.charge_outcome_saving import save_outcome
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.training_charges import charge_for_request


def handle_training_schedule_requested(event: TrainingScheduleRequested, uow: UsersUnitOfWork, clock: Clock) -> None:
    account = uow.accounts.get(event.user_id) or Account.open(event.user_id)
    entry = uow.ledger.get(event.user_id, event.training_id)
    save_outcome(charge_for_request(account, entry, event.training_id), account, uow)
