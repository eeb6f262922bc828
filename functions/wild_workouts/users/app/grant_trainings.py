"""Command: an administrator grants trainings to an attendee → TrainingsGranted."""

from dataclasses import dataclass

from wild_workouts.contracts.users_events import TrainingsGranted
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.shared_kernel.domain_errors import ForbiddenError
from wild_workouts.shared_kernel.role import Role
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork
from wild_workouts.users.domain.account import Account


@dataclass(frozen=True, slots=True)
class GrantTrainings:
    caller: Caller
    user_id: str
    amount: int


def handle_grant_trainings(command: GrantTrainings, uow: UsersUnitOfWork, clock: Clock) -> int:
    """The new balance. Not idempotent by itself: the entrypoint dedupes the request id."""
    if command.caller.role is not Role.ADMIN:
        raise ForbiddenError(f"only an admin can grant trainings, caller is {command.caller.role.value}")
    account = uow.accounts.get(command.user_id) or Account.open(command.user_id)
    account.grant(command.amount)
    uow.accounts.save(account)
    uow.publish(TrainingsGranted(account.user_id, command.amount, account.balance))
    return account.balance
