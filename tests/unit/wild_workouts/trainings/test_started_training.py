"""A started training is simply past, and a cancellation's refund (with a trainer's fine) is
given once per booking, whatever path leads to the cancel.

Finding: cancelling a training days after it took place still refunded 2 when the trainer did
it, so a trainer and an attendee could mint balance from trainings that had already happened.
"""

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from tests.unit.wild_workouts.fakes import FakeTrainingsUnitOfWork, FixedClock, TrainingsStore, deliver, run_trainings
from tests.unit.wild_workouts.sample_values import ALICE, NOW, TOMORROW_13, TRAINER, at
from wild_workouts.contracts.trainer_events import HourReserved
from wild_workouts.contracts.trainings_events import TrainingCanceled, TrainingsEvent
from wild_workouts.contracts.users_events import TrainingBalanceDebited
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.domain_errors import ConflictError, DomainError
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.app.balance_answers import handle_training_balance_debited
from wild_workouts.trainings.app.cancel_training import CancelTraining, handle_cancel_training
from wild_workouts.trainings.app.hour_answers import handle_hour_reserved
from wild_workouts.trainings.app.reschedule_proposals import (
    ApproveReschedule,
    ProposeReschedule,
    RejectReschedule,
    handle_approve_reschedule,
    handle_propose_reschedule,
    handle_reject_reschedule,
)
from wild_workouts.trainings.app.reschedule_training import RescheduleTraining, handle_reschedule_training
from wild_workouts.trainings.app.schedule_training import ScheduleTraining, handle_schedule_training
from wild_workouts.trainings.domain.errors import TrainingAlreadyStartedError
from wild_workouts.trainings.domain.training_status import TrainingStatus

pytestmark = pytest.mark.unit

LATER = at(3, 15)
ONE_HOUR_BEFORE = TOMORROW_13 - timedelta(hours=1)
STARTED = [
    pytest.param(TOMORROW_13, id="at-its-hour"),
    pytest.param(TOMORROW_13 + timedelta(seconds=1), id="one-second-in"),
    pytest.param(TOMORROW_13 + timedelta(days=3), id="three-days-after"),
]


def _store() -> TrainingsStore:
    """Alice's training at TOMORROW_13, scheduled (hour reserved, balance debited)."""
    store = TrainingsStore()
    clock = FixedClock(NOW)
    run_trainings(store, lambda uow: handle_schedule_training(ScheduleTraining(ALICE, "t1", TOMORROW_13), uow, clock))
    run_trainings(store, lambda uow: handle_hour_reserved(HourReserved(TOMORROW_13, "t1", 1), uow))
    run_trainings(store, lambda uow: handle_training_balance_debited(TrainingBalanceDebited("alice", "t1", 0), uow))
    store.outbox.clear()
    return store


def _at(now: datetime) -> Callable[[TrainingsStore, Callable[..., object], object], object]:
    clock = FixedClock(now)

    def run(store: TrainingsStore, handler: Callable[..., object], command: object) -> object:
        return run_trainings(store, lambda uow: deliver(handler, command, uow=uow, clock=clock))

    return run


def _cancels(store: TrainingsStore) -> list[TrainingsEvent]:
    return [event for event in store.outbox if isinstance(event, TrainingCanceled)]


def _code(action: Callable[[], object]) -> str:
    with pytest.raises(DomainError) as raised:
        action()
    return raised.value.code


# --- a started training is simply past -------------------------------------------------------


@pytest.mark.parametrize("now", STARTED)
@pytest.mark.parametrize(
    ("caller", "command", "handler"),
    [
        (TRAINER, CancelTraining(TRAINER, "t1"), handle_cancel_training),
        (ALICE, CancelTraining(ALICE, "t1"), handle_cancel_training),
        (TRAINER, RescheduleTraining(TRAINER, "t1", LATER), handle_reschedule_training),
        (ALICE, ProposeReschedule(ALICE, "t1", LATER), handle_propose_reschedule),
        (TRAINER, ProposeReschedule(TRAINER, "t1", LATER), handle_propose_reschedule),
    ],
)
def test_a_started_training_is_neither_canceled_nor_moved(
    now: datetime, caller: Caller, command: object, handler: Callable[..., object]
) -> None:
    store = _store()
    before = store.trainings["t1"]
    with pytest.raises(TrainingAlreadyStartedError) as raised:
        _at(now)(store, handler, command)
    assert raised.value.code == "training_already_started"
    assert isinstance(raised.value, ConflictError)  # the API answers 409
    assert store.trainings["t1"] == before  # nothing happens to it: still scheduled, no refund
    assert store.trainings["t1"].status is TrainingStatus.SCHEDULED
    assert store.outbox == []


@pytest.mark.parametrize("now", STARTED)
@pytest.mark.parametrize(("proposer", "approver"), [(ALICE, TRAINER), (TRAINER, ALICE)])
def test_a_proposal_made_in_time_cannot_be_approved_once_the_training_started(
    now: datetime, proposer: Caller, approver: Caller
) -> None:
    """Approving would move a past training to a new hour: a second training for one debit."""
    store = _store()
    _at(ONE_HOUR_BEFORE)(store, handle_propose_reschedule, ProposeReschedule(proposer, "t1", LATER))
    store.outbox.clear()
    with pytest.raises(TrainingAlreadyStartedError):
        _at(now)(store, handle_approve_reschedule, ApproveReschedule(approver, "t1"))
    assert store.outbox == []
    assert store.trainings["t1"].hour == TOMORROW_13
    _at(now)(store, handle_reject_reschedule, RejectReschedule(approver, "t1"))  # dropping it stays possible
    assert store.trainings["t1"].proposal is None


@pytest.mark.parametrize(("by", "refund"), [(Role.TRAINER, 2), (Role.ATTENDEE, 0)])
def test_the_last_moment_to_cancel_is_just_before_the_hour(by: Role, refund: int) -> None:
    training = _store().trainings["t1"]
    assert not training.has_started(TOMORROW_13 - timedelta(microseconds=1))
    assert training.cancel(by, TOMORROW_13 - timedelta(microseconds=1)).refund == refund


def test_started_is_judged_in_utc_whatever_the_clock_zone() -> None:
    training = _store().trainings["t1"]
    an_hour_east = timezone(timedelta(hours=1))
    assert training.has_started(TOMORROW_13.astimezone(an_hour_east))
    assert not training.has_started((TOMORROW_13 - timedelta(seconds=1)).astimezone(an_hour_east))


# --- a trainer's fine is given once per booking ---------------------------------------------


def test_canceling_twice_fines_once() -> None:
    store = _store()
    run = _at(ONE_HOUR_BEFORE)
    assert run(store, handle_cancel_training, CancelTraining(TRAINER, "t1")) == 2
    assert _code(lambda: run(store, handle_cancel_training, CancelTraining(TRAINER, "t1"))) == "training_not_scheduled"
    assert _code(lambda: run(store, handle_cancel_training, CancelTraining(ALICE, "t1"))) == "training_not_scheduled"
    assert _cancels(store) == [TrainingCanceled("t1", TOMORROW_13, "alice", 2, "trainer")]


def test_a_retried_cancel_command_fines_once() -> None:
    """The kit reruns a handler with a fresh unit of work on a write conflict; a client may
    repeat a request whose answer it lost. Only one cancel is ever committed."""
    store = _store()
    clock = FixedClock(ONE_HOUR_BEFORE)
    abandoned = FakeTrainingsUnitOfWork(store)  # lost the commit race: never committed
    handle_cancel_training(CancelTraining(TRAINER, "t1"), abandoned, clock)
    retry = FakeTrainingsUnitOfWork(store)
    assert handle_cancel_training(CancelTraining(TRAINER, "t1"), retry, clock) == 2
    retry.commit()
    repeated = FakeTrainingsUnitOfWork(store)  # the client repeats the request afterwards
    with pytest.raises(ConflictError, match="canceled"):
        handle_cancel_training(CancelTraining(TRAINER, "t1"), repeated, clock)
    assert _cancels(store) == [TrainingCanceled("t1", TOMORROW_13, "alice", 2, "trainer")]


def test_reschedule_then_cancel_fines_once() -> None:
    store = _store()
    _at(NOW)(store, handle_reschedule_training, RescheduleTraining(TRAINER, "t1", LATER))
    _at(NOW)(store, handle_hour_reserved, HourReserved(LATER, "t1", 2))
    assert store.trainings["t1"].hour == LATER
    late = _at(LATER - timedelta(hours=1))
    assert late(store, handle_cancel_training, CancelTraining(TRAINER, "t1")) == 2
    assert _code(lambda: late(store, handle_cancel_training, CancelTraining(TRAINER, "t1"))) == "training_not_scheduled"
    assert _code(lambda: late(store, handle_reschedule_training, RescheduleTraining(TRAINER, "t1", at(5, 13)))) == (
        "training_not_scheduled"
    )
    assert _cancels(store) == [TrainingCanceled("t1", LATER, "alice", 2, "trainer")]


def test_approve_then_cancel_fines_once() -> None:
    store = _store()
    run = _at(ONE_HOUR_BEFORE)
    run(store, handle_propose_reschedule, ProposeReschedule(ALICE, "t1", LATER))
    run(store, handle_approve_reschedule, ApproveReschedule(TRAINER, "t1"))
    assert run(store, handle_cancel_training, CancelTraining(TRAINER, "t1")) == 2  # cancels the move as well
    _at(ONE_HOUR_BEFORE)(store, handle_hour_reserved, HourReserved(LATER, "t1", 2))  # the late answer
    assert store.trainings["t1"].status is TrainingStatus.CANCELED
    assert store.trainings["t1"].hour == TOMORROW_13
    assert _code(lambda: run(store, handle_cancel_training, CancelTraining(TRAINER, "t1"))) == "training_not_scheduled"
    assert _cancels(store) == [TrainingCanceled("t1", TOMORROW_13, "alice", 2, "trainer")]


def test_a_canceled_training_never_becomes_cancelable_again() -> None:
    """No answer of the saga brings a canceled training back to ``scheduled``."""
    store = _store()
    run = _at(ONE_HOUR_BEFORE)
    run(store, handle_cancel_training, CancelTraining(TRAINER, "t1"))
    run(store, handle_hour_reserved, HourReserved(TOMORROW_13, "t1", 1))
    run(store, handle_training_balance_debited, TrainingBalanceDebited("alice", "t1", 0))
    assert store.trainings["t1"].status is TrainingStatus.CANCELED
    assert _code(lambda: run(store, handle_cancel_training, CancelTraining(TRAINER, "t1"))) == "training_not_scheduled"
    assert len(_cancels(store)) == 1
