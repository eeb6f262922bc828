"""What the users module's routes need from the outside, as one value (built by the composition
root on Firestore, by unit tests on fakes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wild_workouts.adapters_common.unit_of_work_runner import UnitOfWorkRunner
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.users.app.repositories import AccountRepository
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork

if TYPE_CHECKING:
    from pipeline_kit import EventEmitter


@dataclass(frozen=True)
class UsersRouteDependencies:
    clock: Clock
    run_command: UnitOfWorkRunner[UsersUnitOfWork]
    accounts: Callable[[], AccountRepository]
    """Strongly consistent reads of the attendees' accounts (never saved through)."""


def firestore_users_route_dependencies(clock: Clock, emitter: EventEmitter) -> UsersRouteDependencies:
    """On Firestore: commands on ``FirestoreUsersUnitOfWork`` (events through ``emitter``), accounts
    read on a fresh attempt."""
    from wild_workouts.adapters_common.unit_of_work_runner import firestore_command_runner, read_attempt
    from wild_workouts.users.adapters.firestore_account_repository import FirestoreAccountRepository
    from wild_workouts.users.adapters.firestore_users_unit_of_work import FirestoreUsersUnitOfWork

    return UsersRouteDependencies(
        clock=clock,
        run_command=firestore_command_runner(FirestoreUsersUnitOfWork, emitter),
        accounts=lambda: FirestoreAccountRepository(read_attempt()),
    )
