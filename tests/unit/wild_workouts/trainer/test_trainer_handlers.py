"""Trainer commands and saga handlers against the fakes: effects, answers, idempotency."""

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from tests.unit.wild_workouts.fakes import FakeTrainerUnitOfWork, FixedClock, TrainerStore, deliver, run_trainer
from tests.unit.wild_workouts.sample_values import ALICE, NOW, TOMORROW_13, TRAINER, at
from wild_workouts.contracts.trainer_events import (
    HourMadeAvailable,
    HourMadeUnavailable,
    HourReleased,
    HourReservationRejected,
    HourReserved,
)
from wild_workouts.contracts.trainings_events import (
    TrainingCanceled,
    TrainingRejected,
    TrainingRescheduled,
    TrainingRescheduleFailed,
    TrainingRescheduleRequested,
    TrainingScheduleRequested,
)
from wild_workouts.shared_kernel.domain_errors import ConflictError, ForbiddenError, InvalidInputError
from wild_workouts.trainer.app.hour_availability import (
    MakeHoursAvailable,
    MakeHoursUnavailable,
    handle_make_hours_available,
    handle_make_hours_unavailable,
)
from wild_workouts.trainer.app.saga_handlers import (
    handle_training_canceled,
    handle_training_rejected,
    handle_training_reschedule_failed,
    handle_training_reschedule_requested,
    handle_training_rescheduled,
    handle_training_schedule_requested,
)
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour_policy import HourPolicy

pytestmark = pytest.mark.unit

POLICY = HourPolicy()
LATER_15 = at(1, 15)


def _store_with_available(*hours: datetime) -> TrainerStore:
    store = TrainerStore()
    clock = FixedClock(NOW)
    command = MakeHoursAvailable(TRAINER, hours)
    run_trainer(store, lambda uow: handle_make_hours_available(command, uow, clock, POLICY))
    store.outbox.clear()
    return store


def _request(training_id: str = "t1", hour: datetime = TOMORROW_13) -> TrainingScheduleRequested:
    return TrainingScheduleRequested(training_id, hour, "alice", "Alice", "")


def _deliver(store: TrainerStore, handler: Callable[..., None], event: object, now: datetime = NOW) -> list[object]:
    clock = FixedClock(now)
    before = len(store.outbox)
    run_trainer(store, lambda uow: deliver(handler, event, uow=uow, clock=clock))
    return list(store.outbox[before:])


def _availability(store: TrainerStore, hour: datetime) -> Availability | None:
    stored = store.hours.get(hour)
    return None if stored is None else stored.availability


def test_make_available_then_unavailable_publishes_only_changes() -> None:
    store = TrainerStore()
    clock = FixedClock(NOW)
    available = MakeHoursAvailable(TRAINER, (TOMORROW_13, TOMORROW_13, LATER_15))
    run_trainer(store, lambda uow: handle_make_hours_available(available, uow, clock, POLICY))
    run_trainer(store, lambda uow: handle_make_hours_available(available, uow, clock, POLICY))
    assert store.outbox == [HourMadeAvailable(TOMORROW_13, 1), HourMadeAvailable(LATER_15, 1)]
    unavailable = MakeHoursUnavailable(TRAINER, (LATER_15,))
    run_trainer(store, lambda uow: handle_make_hours_unavailable(unavailable, uow, clock, POLICY))
    assert store.outbox[-1] == HourMadeUnavailable(LATER_15, 2)
    assert _availability(store, LATER_15) is Availability.NOT_AVAILABLE


def test_one_invalid_hour_fails_the_whole_command() -> None:
    store = TrainerStore()
    command = MakeHoursAvailable(TRAINER, (TOMORROW_13, at(1, 21)))
    with pytest.raises(InvalidInputError, match="max UTC hour 20"):
        run_trainer(store, lambda uow: handle_make_hours_available(command, uow, FixedClock(NOW), POLICY))
    assert store.hours == {}
    assert store.outbox == []


def test_only_a_trainer_changes_hours() -> None:
    command = MakeHoursAvailable(ALICE, (TOMORROW_13,))
    with pytest.raises(ForbiddenError):
        run_trainer(
            TrainerStore(),
            lambda uow: handle_make_hours_available(command, uow, FixedClock(NOW), POLICY),
        )


def test_an_hour_with_a_training_cannot_be_closed() -> None:
    store = _store_with_available(TOMORROW_13)
    _deliver(store, handle_training_schedule_requested, _request())
    command = MakeHoursUnavailable(TRAINER, (TOMORROW_13,))
    with pytest.raises(ConflictError):
        run_trainer(store, lambda uow: handle_make_hours_unavailable(command, uow, FixedClock(NOW), POLICY))


def test_reserve_an_available_hour() -> None:
    store = _store_with_available(TOMORROW_13)
    assert _deliver(store, handle_training_schedule_requested, _request()) == [HourReserved(TOMORROW_13, "t1", 2)]
    assert store.hours[TOMORROW_13].training_id == "t1"
    assert store.reservations["t1"].held_hours == [TOMORROW_13]


def test_a_duplicate_request_gets_the_same_answer_and_no_effect() -> None:
    store = _store_with_available(TOMORROW_13)
    _deliver(store, handle_training_schedule_requested, _request())
    snapshot = (dict(store.hours), dict(store.reservations))
    again = _deliver(store, handle_training_schedule_requested, _request())
    assert again == [HourReserved(TOMORROW_13, "t1", 0)]  # a repeated answer reports no change
    assert (store.hours, store.reservations) == snapshot


@pytest.mark.parametrize(
    ("setup_hours", "hour", "now", "reason_part"),
    [
        ((), TOMORROW_13, NOW, "is not_available"),
        ((TOMORROW_13,), TOMORROW_13, TOMORROW_13 + timedelta(minutes=5), "not in the future"),
    ],
)
def test_reservation_refusals(
    setup_hours: tuple[datetime, ...], hour: datetime, now: datetime, reason_part: str
) -> None:
    store = _store_with_available(*setup_hours)
    answers = _deliver(store, handle_training_schedule_requested, _request(hour=hour), now)
    assert len(answers) == 1
    answer = answers[0]
    assert isinstance(answer, HourReservationRejected)
    assert reason_part in answer.reason


def test_a_taken_hour_is_refused_to_another_training() -> None:
    store = _store_with_available(TOMORROW_13)
    _deliver(store, handle_training_schedule_requested, _request("t1"))
    answers = _deliver(store, handle_training_schedule_requested, _request("t2"))
    assert isinstance(answers[0], HourReservationRejected)
    assert "training_scheduled" in answers[0].reason
    assert store.hours[TOMORROW_13].training_id == "t1"


@pytest.mark.parametrize("close", ["rejected", "canceled"])
def test_closing_releases_the_hour_once(close: str) -> None:
    store = _store_with_available(TOMORROW_13)
    _deliver(store, handle_training_schedule_requested, _request())
    event: object
    handler: Callable[..., None]
    if close == "rejected":
        event, handler = (
            TrainingRejected("t1", TOMORROW_13, "alice", "no balance", "insufficient_balance"),
            handle_training_rejected,
        )
    else:
        event, handler = TrainingCanceled("t1", TOMORROW_13, "alice", 1, "attendee"), handle_training_canceled
    assert _deliver(store, handler, event) == [HourReleased(TOMORROW_13, "t1", 3)]
    assert _deliver(store, handler, event) == []
    assert _availability(store, TOMORROW_13) is Availability.AVAILABLE
    assert store.reservations["t1"].closed


def test_rejection_before_request_refuses_the_late_request_without_effect() -> None:
    store = _store_with_available(TOMORROW_13)
    rejected = TrainingRejected("t1", TOMORROW_13, "alice", "no balance", "insufficient_balance")
    assert _deliver(store, handle_training_rejected, rejected) == []
    answers = _deliver(store, handle_training_schedule_requested, _request())
    assert isinstance(answers[0], HourReservationRejected)
    assert "already closed" in answers[0].reason
    assert _availability(store, TOMORROW_13) is Availability.AVAILABLE


def test_release_does_not_touch_an_hour_held_by_another_training() -> None:
    store = _store_with_available(TOMORROW_13)
    _deliver(store, handle_training_schedule_requested, _request("t1"))
    _deliver(store, handle_training_schedule_requested, _request("t2"))  # refused
    assert _deliver(store, handle_training_rejected, TrainingRejected("t2", TOMORROW_13, "bob", "x", "unknown")) == []
    assert store.hours[TOMORROW_13].training_id == "t1"


def test_reschedule_reserves_new_then_releases_old() -> None:
    store = _store_with_available(TOMORROW_13, LATER_15)
    _deliver(store, handle_training_schedule_requested, _request())
    move = TrainingRescheduleRequested("t1", TOMORROW_13, LATER_15, 1, "attendee")
    assert _deliver(store, handle_training_reschedule_requested, move) == [HourReserved(LATER_15, "t1", 2)]
    assert store.hours[TOMORROW_13].training_id == "t1"  # old one still held
    assert _deliver(store, handle_training_reschedule_requested, move) == [HourReserved(LATER_15, "t1", 0)]
    moved = TrainingRescheduled("t1", TOMORROW_13, LATER_15)
    assert _deliver(store, handle_training_rescheduled, moved) == [HourReleased(TOMORROW_13, "t1", 3)]
    assert _deliver(store, handle_training_rescheduled, moved) == []
    assert _availability(store, TOMORROW_13) is Availability.AVAILABLE
    assert store.hours[LATER_15].training_id == "t1"
    assert store.reservations["t1"].held_hours == [LATER_15]


def test_a_later_reschedule_back_to_an_old_hour_is_a_new_request() -> None:
    store = _store_with_available(TOMORROW_13, LATER_15)
    _deliver(store, handle_training_schedule_requested, _request())
    _deliver(
        store,
        handle_training_reschedule_requested,
        TrainingRescheduleRequested("t1", TOMORROW_13, LATER_15, 1, "trainer"),
    )
    _deliver(store, handle_training_rescheduled, TrainingRescheduled("t1", TOMORROW_13, LATER_15))
    back = TrainingRescheduleRequested("t1", LATER_15, TOMORROW_13, 2, "trainer")
    assert _deliver(store, handle_training_reschedule_requested, back) == [HourReserved(TOMORROW_13, "t1", 4)]


def test_cancel_during_a_reschedule_releases_both_hours() -> None:
    store = _store_with_available(TOMORROW_13, LATER_15)
    _deliver(store, handle_training_schedule_requested, _request())
    _deliver(
        store,
        handle_training_reschedule_requested,
        TrainingRescheduleRequested("t1", TOMORROW_13, LATER_15, 1, "trainer"),
    )
    released = _deliver(store, handle_training_canceled, TrainingCanceled("t1", TOMORROW_13, "alice", 1, "trainer"))
    assert set(released) == {HourReleased(TOMORROW_13, "t1", 3), HourReleased(LATER_15, "t1", 3)}


def test_reschedule_failed_releases_the_new_hour_only_if_held() -> None:
    store = _store_with_available(TOMORROW_13, LATER_15)
    _deliver(store, handle_training_schedule_requested, _request())
    failed = TrainingRescheduleFailed("t1", LATER_15, "x", "unknown")
    assert _deliver(store, handle_training_reschedule_failed, failed) == []
    _deliver(
        store,
        handle_training_reschedule_requested,
        TrainingRescheduleRequested("t1", TOMORROW_13, LATER_15, 1, "trainer"),
    )
    assert _deliver(store, handle_training_reschedule_failed, failed) == [HourReleased(LATER_15, "t1", 3)]
    assert store.hours[TOMORROW_13].training_id == "t1"


def test_handlers_are_rerunnable_with_a_fresh_unit_of_work() -> None:
    store = _store_with_available(TOMORROW_13)
    clock = FixedClock(NOW)
    abandoned = FakeTrainerUnitOfWork(store)
    handle_training_schedule_requested(_request(), abandoned, clock)  # write conflict: not committed
    assert abandoned.published == [HourReserved(TOMORROW_13, "t1", 2)]
    assert store.hours[TOMORROW_13].availability is Availability.AVAILABLE
    retry = FakeTrainerUnitOfWork(store)
    handle_training_schedule_requested(_request(), retry, clock)
    retry.commit()
    assert store.outbox == [HourReserved(TOMORROW_13, "t1", 2)]
    assert store.hours[TOMORROW_13].training_id == "t1"
