"""Event handler: credit a canceled training's refund (0, 1 or 2), once per training.

→ TrainingBalanceCredited when the refund is above 0.
"""

from wild_workouts.contracts.trainings_events import TrainingCanceled
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.users.app.charge_outcome_saving import save_outcome
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.training_charges import refund_canceled


def handle_training_canceled(event: TrainingCanceled, uow: UsersUnitOfWork, clock: Clock) -> None:
    account = uow.accounts.get(event.user_id) or Account.open(event.user_id)
    entry = uow.ledger.get(event.user_id, event.training_id)
    outcome = refund_canceled(account, entry, event.training_id, event.refund)
    save_outcome(outcome, account, uow)
