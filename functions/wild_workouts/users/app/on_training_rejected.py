"""Event handler (compensation): give back the training debited for a rejected training.

Credits 1 if (and only if) it was debited and not given back yet → TrainingBalanceCredited.
A rejection arriving before the request leaves a closed entry so the request is refused.
"""

from wild_workouts.contracts.trainings_events import TrainingRejected
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.users.app.charge_outcome_saving import save_outcome
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.training_charges import credit_rejected


def handle_training_rejected(event: TrainingRejected, uow: UsersUnitOfWork, clock: Clock) -> None:
    account = uow.accounts.get(event.user_id) or Account.open(event.user_id)
    entry = uow.ledger.get(event.user_id, event.training_id)
    save_outcome(credit_rejected(account, entry, event.training_id), account, uow)
