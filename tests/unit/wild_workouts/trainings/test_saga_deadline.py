"""The saga deadline: set on request, due at ``deadline_at``, only for a pending training; the
use case that times out the overdue ones (the timeout's configuration: test_settings.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from tests.unit.wild_workouts.fakes import FixedClock, TrainingsStore, run_trainings
from tests.unit.wild_workouts.sample_values import NOW, TOMORROW_13
from wild_workouts.contracts.trainings_events import TrainingRejected
from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.trainings.app.pending_sagas import PendingSaga
from wild_workouts.trainings.app.saga_timeouts import TimeOutSaga, handle_time_out_saga, time_out_overdue_sagas
from wild_workouts.trainings.domain.saga_deadline import (
    BALANCE_DEBIT,
    DEFAULT_SAGA_TIMEOUT,
    HOUR_RESERVATION,
    InvalidSagaTimeoutError,
    validated_saga_timeout,
)
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.domain.training_status import TrainingStatus

pytestmark = pytest.mark.unit

DEADLINE = NOW + DEFAULT_SAGA_TIMEOUT


def _pending(timeout: timedelta = DEFAULT_SAGA_TIMEOUT, training_id: str = "t1") -> Training:
    training, _ = Training.request(training_id, "alice", "Alice", TOMORROW_13, "", NOW, timeout)
    return training


def test_a_request_carries_its_deadline() -> None:
    training = _pending(timedelta(seconds=30))
    assert (training.requested_at, training.deadline_at) == (NOW, NOW + timedelta(seconds=30))
    assert training.missing_answers == (HOUR_RESERVATION, BALANCE_DEBIT)


def test_nothing_happens_before_the_deadline() -> None:
    training = _pending()
    before = replace(training)
    assert training.time_out(DEADLINE - timedelta(microseconds=1)) == []
    assert training == before


@pytest.mark.parametrize(
    ("answered", "missing"),
    [
        ((), "the hour reservation and the balance debit were"),
        (("hour",), "the balance debit was"),
        (("balance",), "the hour reservation was"),
    ],
)
def test_at_the_deadline_a_pending_training_is_rejected_as_timed_out(answered: tuple[str, ...], missing: str) -> None:
    training = _pending()
    if "hour" in answered:
        training.record_hour_reserved(TOMORROW_13)
    if "balance" in answered:
        training.record_balance_debited()
    events = training.time_out(DEADLINE)
    assert events == [
        TrainingRejected("t1", TOMORROW_13, "alice", training.rejection_reason or "", RejectionCode.TIMED_OUT.value)
    ]
    assert training.status is TrainingStatus.REJECTED and training.rejection_code is RejectionCode.TIMED_OUT
    assert training.rejection_reason == f"no answer in time: {missing} not confirmed by 2026-12-01T10:20:00Z"
    assert training.deadline_at is None and training.missing_answers == ()
    assert training.time_out(DEADLINE + timedelta(hours=1)) == []  # idempotent


def test_late_answers_after_the_timeout_change_nothing() -> None:
    training = _pending()
    training.time_out(DEADLINE)
    after = replace(training)
    assert training.record_hour_reserved(TOMORROW_13) == []
    assert training.record_balance_debited() == []
    assert training.record_balance_debit_rejected("no balance", RejectionCode.INSUFFICIENT_BALANCE) == []
    assert training == after


def test_a_settled_training_has_no_deadline_and_never_times_out() -> None:
    scheduled = _pending()
    scheduled.record_hour_reserved(TOMORROW_13)
    scheduled.record_balance_debited()
    rejected = _pending()
    rejected.record_balance_debit_rejected("no balance", RejectionCode.INSUFFICIENT_BALANCE)
    for training in (scheduled, rejected):
        assert training.deadline_at is None
        assert training.requested_at == NOW
        assert training.time_out(DEADLINE + timedelta(days=1)) == []


def test_a_training_stored_before_deadlines_never_times_out() -> None:
    legacy = replace(_pending(), requested_at=None, deadline_at=None)
    assert legacy.time_out(DEADLINE + timedelta(days=30)) == []


def test_a_stored_settled_training_with_a_deadline_is_refused() -> None:
    with pytest.raises(ValueError, match="saga deadline"):
        Training.restore(
            training_id="t1",
            user_id="alice",
            user_name="Alice",
            hour=TOMORROW_13,
            notes="",
            status=TrainingStatus.SCHEDULED,
            hour_reserved=True,
            balance_debited=True,
            rejection_reason=None,
            canceled_by=None,
            refund=None,
            proposal=None,
            pending_reschedule=None,
            reschedule_count=0,
            last_reschedule_failure=None,
            requested_at=NOW,
            deadline_at=DEADLINE,
        )


@pytest.mark.parametrize(("seconds", "ok"), [(0.5, False), (1, True), (300, True), (86400, True), (86401, False)])
def test_the_timeout_is_bounded(seconds: float, ok: bool) -> None:
    timeout = timedelta(seconds=seconds)
    if ok:
        assert validated_saga_timeout(timeout) == timeout
    else:
        with pytest.raises(InvalidSagaTimeoutError):
            validated_saga_timeout(timeout)


# --- the use cases ------------------------------------------------------------------------


class _ListedSagas:
    """A ``PendingSagas`` that lists what it is told (possibly stale, as the real query may be)."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.asked: list[tuple[datetime, int]] = []

    def overdue_ids(self, now: datetime, limit: int) -> list[str]:
        self.asked.append((now, limit))
        return self.ids[:limit]

    def pending(self, limit: int) -> list[PendingSaga]:
        raise AssertionError("not used")


def _store(*trainings: Training) -> TrainingsStore:
    store = TrainingsStore()
    store.trainings = {t.training_id: t for t in trainings}
    return store


def test_handle_time_out_saga_writes_and_publishes_only_when_due() -> None:
    store = _store(_pending())
    early = run_trainings(store, lambda uow: handle_time_out_saga(TimeOutSaga("t1"), uow, FixedClock(NOW)))
    assert early is None and store.outbox == [] and store.trainings["t1"].status is TrainingStatus.PENDING
    due = run_trainings(store, lambda uow: handle_time_out_saga(TimeOutSaga("t1"), uow, FixedClock(DEADLINE)))
    assert due is not None and due.missing == (HOUR_RESERVATION, BALANCE_DEBIT) and due.deadline_at == DEADLINE
    assert [type(e) for e in store.outbox] == [TrainingRejected]
    again = run_trainings(store, lambda uow: handle_time_out_saga(TimeOutSaga("t1"), uow, FixedClock(DEADLINE)))
    assert again is None and len(store.outbox) == 1
    assert (
        run_trainings(store, lambda uow: handle_time_out_saga(TimeOutSaga("nope"), uow, FixedClock(DEADLINE))) is None
    )


def test_time_out_overdue_sagas_rejects_each_due_one_and_goes_on_after_a_failure() -> None:
    settled = _pending(training_id="settled")
    settled.record_balance_debit_rejected("no balance", RejectionCode.INSUFFICIENT_BALANCE)
    store = _store(_pending(training_id="t1"), _pending(training_id="t2"), settled, _pending(training_id="t3"))
    listed = _ListedSagas(["t1", "boom", "settled", "t2", "missing"])  # a stale list: some settled, some gone

    calls: list[int] = []

    def run(work: object) -> object:
        calls.append(len(calls))
        if len(calls) == 2:  # the second listed id ("boom"): its commit fails
            raise RuntimeError("commit failed")
        return run_trainings(store, work)  # type: ignore[arg-type]

    sweep = time_out_overdue_sagas(listed, run, FixedClock(DEADLINE), limit=10)  # type: ignore[arg-type]
    assert listed.asked == [(DEADLINE, 10)]
    assert sweep.found == 5
    assert [t.training_id for t in sweep.timed_out] == ["t1", "t2"]
    assert len(sweep.failures) == 1 and "boom: RuntimeError: commit failed" in sweep.failures[0]
    assert store.trainings["t3"].status is TrainingStatus.PENDING  # not listed: left for the next run
    assert store.trainings["settled"].rejection_code is RejectionCode.INSUFFICIENT_BALANCE
    assert [e.training_id for e in store.outbox] == ["t1", "t2"]
