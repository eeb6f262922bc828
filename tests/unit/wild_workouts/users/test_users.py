"""Balances: grants, debits, compensation and refunds, each once per training."""

from collections.abc import Callable
from typing import Any

import pytest

from tests.unit.wild_workouts.fakes import FakeUsersUnitOfWork, UsersStore, run_users
from tests.unit.wild_workouts.sample_values import ADMIN, ALICE, BOB, TOMORROW_13, TRAINER
from wild_workouts.contracts.trainings_events import (
    TrainingCanceled,
    TrainingRejected,
    TrainingScheduleRequested,
)
from wild_workouts.contracts.users_events import (
    TrainingBalanceCredited,
    TrainingBalanceDebited,
    TrainingBalanceDebitRejected,
    TrainingsGranted,
)
from wild_workouts.shared_kernel.domain_errors import (
    DomainError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
)
from wild_workouts.users.app.get_balance import GetBalance, handle_get_balance
from wild_workouts.users.app.grant_trainings import GrantTrainings, handle_grant_trainings
from wild_workouts.users.app.saga_handlers import (
    handle_training_canceled,
    handle_training_rejected,
    handle_training_schedule_requested,
)
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.ledger_entry import LedgerState

pytestmark = pytest.mark.unit

REQUEST = TrainingScheduleRequested("t1", TOMORROW_13, "alice", "Alice", "")
REJECTED = TrainingRejected("t1", TOMORROW_13, "alice", "hour taken", "hour_not_available")


def _store(balance: int) -> UsersStore:
    store = UsersStore()
    if balance:
        command = GrantTrainings(ADMIN, "alice", balance)
        run_users(store, lambda uow: handle_grant_trainings(command, uow))
        store.outbox.clear()
    return store


def _deliver(store: UsersStore, handler: Callable[[Any, FakeUsersUnitOfWork], None], event: object) -> list[object]:
    before = len(store.outbox)
    run_users(store, lambda uow: handler(event, uow))
    return list(store.outbox[before:])


def _balance(store: UsersStore) -> int:
    return store.accounts["alice"].balance if "alice" in store.accounts else 0


@pytest.mark.parametrize(("amount", "ok"), [(1, True), (1000, True), (0, False), (-1, False), (1001, False)])
def test_grant_amounts(amount: int, ok: bool) -> None:
    account = Account.open("alice")
    if ok:
        account.grant(amount)
        assert account.balance == amount
    else:
        with pytest.raises(InvalidInputError, match="between 1 and 1000"):
            account.grant(amount)
        assert account.balance == 0


def test_grant_publishes_the_new_balance_and_only_admins_grant() -> None:
    store = UsersStore()
    assert run_users(store, lambda uow: handle_grant_trainings(GrantTrainings(ADMIN, "alice", 2), uow)).balance == 2
    assert store.outbox == [TrainingsGranted("alice", 2, 2)]
    for caller in (ALICE, TRAINER):
        command = GrantTrainings(caller, "alice", 1)
        with pytest.raises(ForbiddenError):
            handle_grant_trainings(command, FakeUsersUnitOfWork(store))


@pytest.mark.parametrize(("balance", "debited"), [(0, False), (1, True), (2, True)])
def test_debit_needs_a_balance_of_one(balance: int, debited: bool) -> None:
    store = _store(balance)
    answers = _deliver(store, handle_training_schedule_requested, REQUEST)
    if debited:
        assert answers == [TrainingBalanceDebited("alice", "t1", balance - 1)]
    else:
        assert len(answers) == 1
        assert isinstance(answers[0], TrainingBalanceDebitRejected)
        assert "balance is 0; booking a training needs at least 1" in answers[0].reason
    assert _balance(store) == max(balance - 1, 0)


def test_balance_never_goes_negative() -> None:
    account = Account.open("alice")
    with pytest.raises(DomainError) as raised:
        account.debit_one()
    assert raised.value.code == "insufficient_balance"
    assert account.balance == 0
    with pytest.raises(ValueError, match="negative"):
        Account.restore("alice", -1)


def test_a_duplicate_request_is_charged_once_and_answered_again() -> None:
    store = _store(2)
    _deliver(store, handle_training_schedule_requested, REQUEST)
    assert _deliver(store, handle_training_schedule_requested, REQUEST) == [TrainingBalanceDebited("alice", "t1", 1)]
    assert _balance(store) == 1


def test_a_rejected_debit_is_answered_the_same_after_a_later_grant() -> None:
    store = _store(0)
    first = _deliver(store, handle_training_schedule_requested, REQUEST)
    run_users(store, lambda uow: handle_grant_trainings(GrantTrainings(ADMIN, "alice", 1), uow))
    again = _deliver(store, handle_training_schedule_requested, REQUEST)
    assert again == first
    assert _balance(store) == 1


def test_rejection_credits_back_once() -> None:
    store = _store(1)
    _deliver(store, handle_training_schedule_requested, REQUEST)
    assert _deliver(store, handle_training_rejected, REJECTED) == [
        TrainingBalanceCredited("alice", "t1", 1, 1, "rejected")
    ]
    assert _deliver(store, handle_training_rejected, REJECTED) == []
    assert _balance(store) == 1
    assert store.ledger[("alice", "t1")].state is LedgerState.CREDITED_BACK


def test_rejection_before_request_refuses_the_request_without_effect() -> None:
    store = _store(1)
    assert _deliver(store, handle_training_rejected, REJECTED) == []
    answers = _deliver(store, handle_training_schedule_requested, REQUEST)
    assert isinstance(answers[0], TrainingBalanceDebitRejected)
    assert "already closed" in answers[0].reason
    assert _balance(store) == 1


def test_rejection_after_a_refused_debit_credits_nothing() -> None:
    store = _store(0)
    _deliver(store, handle_training_schedule_requested, REQUEST)
    assert _deliver(store, handle_training_rejected, REJECTED) == []
    assert _balance(store) == 0


@pytest.mark.parametrize(("refund", "expected_balance"), [(0, 0), (1, 1), (2, 2)])
def test_cancel_refund_is_credited_once(refund: int, expected_balance: int) -> None:
    store = _store(1)
    _deliver(store, handle_training_schedule_requested, REQUEST)
    canceled = TrainingCanceled("t1", TOMORROW_13, "alice", refund, "trainer")
    first = _deliver(store, handle_training_canceled, canceled)
    assert first == ([TrainingBalanceCredited("alice", "t1", refund, expected_balance, "canceled")] if refund else [])
    assert _deliver(store, handle_training_canceled, canceled) == []
    assert _deliver(store, handle_training_rejected, REJECTED) == []
    assert _balance(store) == expected_balance
    assert store.ledger[("alice", "t1")].net_charge == 1 - refund


def test_balance_query_hides_other_attendees() -> None:
    store = _store(3)
    accounts = FakeUsersUnitOfWork(store).accounts
    assert handle_get_balance(GetBalance(ALICE, "alice"), accounts) == 3
    assert handle_get_balance(GetBalance(TRAINER, "alice"), accounts) == 3
    assert handle_get_balance(GetBalance(ADMIN, "nobody"), accounts) == 0
    with pytest.raises(NotFoundError):
        handle_get_balance(GetBalance(BOB, "alice"), accounts)


def test_handlers_are_rerunnable_with_a_fresh_unit_of_work() -> None:
    store = _store(1)
    abandoned = FakeUsersUnitOfWork(store)
    handle_training_schedule_requested(REQUEST, abandoned)
    assert _balance(store) == 1  # nothing committed
    retry = FakeUsersUnitOfWork(store)
    handle_training_schedule_requested(REQUEST, retry)
    retry.commit()
    assert _balance(store) == 0
    assert store.outbox == [TrainingBalanceDebited("alice", "t1", 0)]
