"""Command: an administrator grants trainings to an attendee → TrainingsGranted.

Without an idempotency key every command grants again. With one, the grant and a
``GrantRequest`` are saved in the same commit; a repeat (same administrator and key) finds
the request and returns its original outcome (``replayed``), granting and publishing nothing.
The same key for another attendee or amount raises ``IdempotencyKeyReusedError``.
"""

from dataclasses import dataclass

from wild_workouts.contracts.users_events import TrainingsGranted
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.domain_errors import ForbiddenError
from wild_workouts.shared_kernel.role import Role
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.grant_request import GrantRequest, grant_request_id


@dataclass(frozen=True, slots=True)
class GrantTrainings:
    caller: Caller
    user_id: str
    amount: int
    idempotency_key: str | None = None
    correlation_id: str = ""
    """Kept with an idempotent grant so a repeat answers with the original one."""


@dataclass(frozen=True, slots=True)
class GrantOutcome:
    balance: int
    """The balance right after the grant (for a replay: after the original grant)."""
    correlation_id: str
    """The correlation id of the request that granted (for a replay: the original one)."""
    replayed: bool


def handle_grant_trainings(command: GrantTrainings, uow: UsersUnitOfWork) -> GrantOutcome:
    caller = command.caller
    if caller.role is not Role.ADMIN:
        raise ForbiddenError(f"only an admin can grant trainings, caller is {caller.role.value}")
    request_id = None
    if command.idempotency_key:
        request_id = grant_request_id(caller.user_id, command.idempotency_key)
        earlier = uow.grant_requests.get(request_id)
        if earlier is not None:
            earlier.require_same_grant(command.user_id, command.amount)
            return GrantOutcome(earlier.balance_after, earlier.correlation_id, replayed=True)
    account = uow.accounts.get(command.user_id) or Account.open(command.user_id)
    account.grant(command.amount)
    uow.accounts.save(account)
    if request_id is not None:
        uow.grant_requests.save(
            GrantRequest(
                request_id, caller.user_id, command.user_id, command.amount, account.balance, command.correlation_id
            )
        )
    uow.publish(TrainingsGranted(account.user_id, command.amount, account.balance))
    return GrantOutcome(account.balance, command.correlation_id, replayed=False)
