"""Query: an attendee's training balance (strongly consistent, read from the account)."""

from dataclasses import dataclass

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.domain_errors import NotFoundError
from wild_workouts.shared_kernel.role import Role
from wild_workouts.users.app.repositories import AccountRepository


@dataclass(frozen=True, slots=True)
class GetBalance:
    caller: Caller
    user_id: str


def handle_get_balance(query: GetBalance, accounts: AccountRepository) -> int:
    """Attendees see their own balance only (another's is ``NotFoundError``, not leaking it
    exists); trainers and admins see any. An unknown attendee has balance 0."""
    if query.caller.role is Role.ATTENDEE and query.caller.user_id != query.user_id:
        raise NotFoundError(f"no balance found for user {query.user_id}")
    account = accounts.get(query.user_id)
    return 0 if account is None else account.balance
