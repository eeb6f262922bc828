"""Trainings commands and answer handlers against the fakes: access, idempotency, outbox."""

from collections.abc import Callable
from datetime import timedelta

import pytest

from tests.unit.wild_workouts.fakes import (
    FakeTrainingsUnitOfWork,
    FixedClock,
    TrainingsStore,
    deliver,
    run_trainings,
)
from tests.unit.wild_workouts.sample_values import ADMIN, ALICE, BOB, NOW, TOMORROW_13, TRAINER, at
from wild_workouts.contracts.trainer_events import HourReservationRejected, HourReserved
from wild_workouts.contracts.trainings_events import (
    TrainingCanceled,
    TrainingRejected,
    TrainingRescheduled,
    TrainingRescheduleFailed,
    TrainingRescheduleProposalRejected,
    TrainingRescheduleProposed,
    TrainingRescheduleRequested,
    TrainingScheduled,
    TrainingScheduleRequested,
    TrainingsEvent,
)
from wild_workouts.contracts.users_events import (
    TrainingBalanceDebited,
    TrainingBalanceDebitRejected,
)
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.domain_errors import ConflictError, ForbiddenError, NotFoundError
from wild_workouts.trainings.app.balance_answers import (
    handle_training_balance_debit_rejected,
    handle_training_balance_debited,
)
from wild_workouts.trainings.app.cancel_training import CancelTraining, handle_cancel_training
from wild_workouts.trainings.app.hour_answers import handle_hour_reservation_rejected, handle_hour_reserved
from wild_workouts.trainings.app.reschedule_proposals import (
    ApproveReschedule,
    ProposeReschedule,
    RejectReschedule,
    handle_approve_reschedule,
    handle_propose_reschedule,
    handle_reject_reschedule,
)
from wild_workouts.trainings.app.reschedule_training import (
    RescheduleTraining,
    handle_reschedule_training,
)
from wild_workouts.trainings.app.schedule_training import ScheduleTraining, handle_schedule_training
from wild_workouts.trainings.app.training_queries import GetTraining, handle_get_training
from wild_workouts.trainings.domain.training_status import TrainingStatus

pytestmark = pytest.mark.unit

CLOCK = FixedClock(NOW)
LATER = at(3, 15)


def _run(store: TrainingsStore, handler: Callable[..., object], message: object) -> object:
    return run_trainings(store, lambda uow: deliver(handler, message, uow=uow, clock=CLOCK))


def _last(store: TrainingsStore) -> TrainingsEvent:
    return store.outbox[-1]


def _scheduled_store() -> TrainingsStore:
    store = TrainingsStore()
    _run(store, handle_schedule_training, ScheduleTraining(ALICE, "t1", TOMORROW_13, "legs"))
    _run(store, handle_hour_reserved, HourReserved(TOMORROW_13, "t1", 1))
    _run(store, handle_training_balance_debited, TrainingBalanceDebited("alice", "t1", 0))
    store.outbox.clear()
    return store


def test_schedule_stores_pending_and_requests() -> None:
    store = TrainingsStore()
    command = ScheduleTraining(ALICE, "t1", TOMORROW_13, "legs")
    assert _run(store, handle_schedule_training, command) == "t1"
    assert store.trainings["t1"].status is TrainingStatus.PENDING
    assert store.outbox == [TrainingScheduleRequested("t1", TOMORROW_13, "alice", "Alice", "legs")]
    assert _run(store, handle_schedule_training, command) == "t1"  # repeated request
    assert len(store.outbox) == 1
    with pytest.raises(ConflictError):
        _run(store, handle_schedule_training, ScheduleTraining(BOB, "t1", TOMORROW_13))


@pytest.mark.parametrize("caller", [TRAINER, ADMIN])
def test_only_attendees_book(caller: Caller) -> None:
    with pytest.raises(ForbiddenError):
        _run(TrainingsStore(), handle_schedule_training, ScheduleTraining(caller, "t1", TOMORROW_13))


def test_answers_schedule_the_training() -> None:
    store = _scheduled_store()
    assert store.trainings["t1"].status is TrainingStatus.SCHEDULED
    store.outbox.clear()
    _run(store, handle_hour_reserved, HourReserved(TOMORROW_13, "t1", 1))
    assert store.outbox == []


@pytest.mark.parametrize(
    ("answer", "handler"),
    [
        (HourReservationRejected(TOMORROW_13, "t1", "taken", "hour_not_available"), handle_hour_reservation_rejected),
        (
            TrainingBalanceDebitRejected("alice", "t1", "taken", "hour_not_available"),
            handle_training_balance_debit_rejected,
        ),
    ],
)
def test_a_failed_answer_rejects(answer: object, handler: Callable[..., object]) -> None:
    store = TrainingsStore()
    _run(store, handle_schedule_training, ScheduleTraining(ALICE, "t1", TOMORROW_13))
    _run(store, handler, answer)
    assert _last(store) == TrainingRejected("t1", TOMORROW_13, "alice", "taken", "hour_not_available")
    assert store.trainings["t1"].status is TrainingStatus.REJECTED


def test_answers_for_unknown_trainings_are_ignored() -> None:
    store = TrainingsStore()
    _run(store, handle_hour_reserved, HourReserved(TOMORROW_13, "ghost", 1))
    assert store.trainings == {}
    assert store.outbox == []


@pytest.mark.parametrize(
    ("command", "handler"),
    [
        (CancelTraining(BOB, "t1"), handle_cancel_training),
        (RescheduleTraining(BOB, "t1", LATER), handle_reschedule_training),
        (ProposeReschedule(BOB, "t1", LATER), handle_propose_reschedule),
        (ApproveReschedule(BOB, "t1"), handle_approve_reschedule),
        (RejectReschedule(BOB, "t1"), handle_reject_reschedule),
        (CancelTraining(ALICE, "missing"), handle_cancel_training),
    ],
)
def test_attendees_cannot_see_others_trainings(command: object, handler: Callable[..., object]) -> None:
    store = _scheduled_store()
    with pytest.raises(NotFoundError, match="not found"):
        _run(store, handler, command)
    assert store.outbox == []


def test_admins_do_not_act_on_trainings() -> None:
    with pytest.raises(ForbiddenError):
        _run(_scheduled_store(), handle_cancel_training, CancelTraining(ADMIN, "t1"))


@pytest.mark.parametrize(("caller", "refund"), [(ALICE, 0), (TRAINER, 2)])
def test_late_cancel_refunds_by_side(caller: Caller, refund: int) -> None:
    store = _scheduled_store()
    late = FixedClock(TOMORROW_13 - timedelta(hours=1))
    result = run_trainings(store, lambda uow: handle_cancel_training(CancelTraining(caller, "t1"), uow, late))
    assert result == refund
    assert store.outbox == [TrainingCanceled("t1", TOMORROW_13, "alice", refund, caller.role.value)]


def test_trainer_reschedules_and_the_reservation_answer_moves_it() -> None:
    store = _scheduled_store()
    _run(store, handle_reschedule_training, RescheduleTraining(TRAINER, "t1", LATER))
    assert store.outbox == [TrainingRescheduleRequested("t1", TOMORROW_13, LATER, 1, "trainer")]
    _run(store, handle_hour_reserved, HourReserved(LATER, "t1", 1))
    assert _last(store) == TrainingRescheduled("t1", TOMORROW_13, LATER)
    assert store.trainings["t1"].hour == LATER


def test_a_refused_new_hour_keeps_the_time_and_the_requester_sees_why() -> None:
    store = _scheduled_store()
    _run(store, handle_reschedule_training, RescheduleTraining(ALICE, "t1", LATER))
    _run(store, handle_hour_reservation_rejected, HourReservationRejected(LATER, "t1", "taken", "hour_not_available"))
    assert _last(store) == TrainingRescheduleFailed("t1", LATER, "taken", "hour_not_available")
    training = handle_get_training(GetTraining(ALICE, "t1"), FakeTrainingsUnitOfWork(store).trainings)
    assert training.hour == TOMORROW_13
    assert training.last_reschedule_failure == "taken"


def test_propose_approve_and_reject_through_the_handlers() -> None:
    store = _scheduled_store()
    _run(store, handle_propose_reschedule, ProposeReschedule(ALICE, "t1", LATER))
    assert store.outbox == [TrainingRescheduleProposed("t1", LATER, "attendee")]
    with pytest.raises(ConflictError):
        _run(store, handle_approve_reschedule, ApproveReschedule(ALICE, "t1"))
    _run(store, handle_reject_reschedule, RejectReschedule(TRAINER, "t1"))
    assert _last(store) == TrainingRescheduleProposalRejected("t1", LATER, "trainer")
    _run(store, handle_propose_reschedule, ProposeReschedule(TRAINER, "t1", LATER))
    _run(store, handle_approve_reschedule, ApproveReschedule(ALICE, "t1"))
    assert _last(store) == TrainingRescheduleRequested("t1", TOMORROW_13, LATER, 1, "attendee")


def test_a_failed_command_leaves_no_trace() -> None:
    store = _scheduled_store()
    before = dict(store.trainings)
    with pytest.raises(ConflictError):
        _run(store, handle_approve_reschedule, ApproveReschedule(TRAINER, "t1"))
    assert store.trainings == before
    assert store.outbox == []


def test_scheduled_is_published_once_even_when_rerun() -> None:
    store = TrainingsStore()
    _run(store, handle_schedule_training, ScheduleTraining(ALICE, "t1", TOMORROW_13))
    _run(store, handle_hour_reserved, HourReserved(TOMORROW_13, "t1", 1))
    abandoned = FakeTrainingsUnitOfWork(store)
    handle_training_balance_debited(TrainingBalanceDebited("alice", "t1", 0), abandoned)
    retry = FakeTrainingsUnitOfWork(store)
    handle_training_balance_debited(TrainingBalanceDebited("alice", "t1", 0), retry)
    retry.commit()
    assert store.outbox.count(TrainingScheduled("t1", TOMORROW_13, "alice")) == 1
