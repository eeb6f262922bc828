"""Grants with an idempotency key: once per (administrator, key), replayed with the original
outcome, refused for another attendee or amount; the request is saved in the grant's commit."""

from __future__ import annotations

import pytest

from tests.unit.wild_workouts.fakes import UsersStore, run_users
from tests.unit.wild_workouts.sample_values import ADMIN
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.role import Role
from wild_workouts.users.app.grant_trainings import GrantOutcome, GrantTrainings, handle_grant_trainings
from wild_workouts.users.domain.errors import IdempotencyKeyReusedError

pytestmark = pytest.mark.unit


def _grant(store: UsersStore, command: GrantTrainings) -> GrantOutcome:
    return run_users(store, lambda uow: handle_grant_trainings(command, uow))


def test_the_same_key_grants_once_and_replays_the_original_outcome() -> None:
    store = UsersStore()
    first = _grant(store, GrantTrainings(ADMIN, "alice", 3, "k-1", "corr-1"))
    _grant(store, GrantTrainings(ADMIN, "alice", 1))  # a grant in between, without a key
    again = _grant(store, GrantTrainings(ADMIN, "alice", 3, "k-1", "corr-2"))
    assert first == GrantOutcome(3, "corr-1", replayed=False)
    assert again == GrantOutcome(3, "corr-1", replayed=True)
    assert store.accounts["alice"].balance == 4
    assert len(store.outbox) == 2
    assert len(store.grant_requests) == 1


def test_another_admins_identical_key_is_another_grant() -> None:
    store = UsersStore()
    other_admin = Caller("admin-2", Role.ADMIN, "Otto")
    _grant(store, GrantTrainings(ADMIN, "alice", 2, "k-1"))
    outcome = _grant(store, GrantTrainings(other_admin, "alice", 2, "k-1"))
    assert (outcome.balance, outcome.replayed) == (4, False)


@pytest.mark.parametrize(("user_id", "amount"), [("bob", 3), ("alice", 4)])
def test_the_key_reused_for_another_grant_is_refused_and_changes_nothing(user_id: str, amount: int) -> None:
    store = UsersStore()
    _grant(store, GrantTrainings(ADMIN, "alice", 3, "k-1"))
    with pytest.raises(IdempotencyKeyReusedError) as refused:
        _grant(store, GrantTrainings(ADMIN, user_id, amount, "k-1"))
    assert refused.value.code == "idempotency_key_reused"
    assert {user: account.balance for user, account in store.accounts.items()} == {"alice": 3}
    assert len(store.outbox) == 1
