"""The calendar converges in any order of arrival, with duplicates.

The events are the ones the trainer's own handlers publish for one hour (so the versions are
the producer's, not made up here): every pair in both orders and repeated, then every order of
the whole history with every event delivered twice, ends where the history in order ends.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from tests.unit.wild_workouts.fakes import (
    FakeCalendarReadModel,
    FixedClock,
    TrainerStore,
    application_handlers,
    run_trainer,
)
from tests.unit.wild_workouts.sample_values import NOW, TOMORROW_13, TRAINER
from wild_workouts.contracts.trainer_events import (
    HourMadeAvailable,
    HourMadeUnavailable,
    HourReleased,
    HourReserved,
)
from wild_workouts.contracts.trainings_events import TrainingRejected, TrainingScheduleRequested
from wild_workouts.trainer.app.hour_availability import (
    MakeHoursAvailable,
    MakeHoursUnavailable,
    handle_make_hours_available,
    handle_make_hours_unavailable,
)
from wild_workouts.trainer.app.saga_handlers import handle_training_rejected, handle_training_schedule_requested
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour_policy import HourPolicy
from wild_workouts.trainer.entrypoints.push_consumers import TRAINER_CALENDAR

pytestmark = pytest.mark.unit

HourChange = HourMadeAvailable | HourMadeUnavailable | HourReserved | HourReleased

PROJECT: dict[type[Any], Callable[..., None]] = application_handlers(TRAINER_CALENDAR)
"""Event → projection, as the ``trainer-calendar`` consumer wires it: ``(event, calendar)``."""


def _history(ends_scheduled: bool) -> list[HourChange]:
    """Open, reserve (and a duplicate request's repeated answer), reject → release, then close
    and reopen, or reserve for another training."""
    store, clock, policy = TrainerStore(), FixedClock(NOW), HourPolicy()

    def request(training_id: str) -> None:
        event = TrainingScheduleRequested(training_id, TOMORROW_13, "alice", "Alice", "")
        run_trainer(store, lambda uow: handle_training_schedule_requested(event, uow, clock))

    def open_hour() -> None:
        command = MakeHoursAvailable(TRAINER, (TOMORROW_13,))
        run_trainer(store, lambda uow: handle_make_hours_available(command, uow, clock, policy))

    open_hour()
    request("t1")
    request("t1")  # a duplicate delivery: the answer is repeated
    rejected = TrainingRejected("t1", TOMORROW_13, "alice", "no balance", "insufficient_balance")
    run_trainer(store, lambda uow: handle_training_rejected(rejected, uow))
    if ends_scheduled:
        request("t2")
    else:
        close = MakeHoursUnavailable(TRAINER, (TOMORROW_13,))
        run_trainer(store, lambda uow: handle_make_hours_unavailable(close, uow, clock, policy))
        open_hour()
    return [event for event in store.outbox if isinstance(event, HourChange)]


def _project(events: Sequence[HourChange]) -> dict[Any, Availability]:
    model = FakeCalendarReadModel()
    for event in events:
        PROJECT[type(event)](event, model)
    return model.rows


HISTORIES = {"ends available": _history(False), "ends scheduled": _history(True)}


def test_the_histories_are_what_the_producer_publishes() -> None:
    versions = [(type(event).__name__, event.hour_version) for event in HISTORIES["ends available"]]
    assert versions == [
        ("HourMadeAvailable", 1),
        ("HourReserved", 2),
        ("HourReserved", 0),  # the repeated answer reports no change
        ("HourReleased", 3),
        ("HourMadeUnavailable", 4),
        ("HourMadeAvailable", 5),
    ]
    assert _project(HISTORIES["ends available"]) == {TOMORROW_13: Availability.AVAILABLE}
    assert _project(HISTORIES["ends scheduled"]) == {TOMORROW_13: Availability.TRAINING_SCHEDULED}


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_every_pair_in_both_orders_and_with_duplicates(history: list[HourChange]) -> None:
    for first, second in itertools.combinations(history, 2):
        expected = _project([first, second])  # the order they were published in
        for order in ([second, first], [first, first, second, second], [second, first, second, first]):
            assert _project(order) == expected, (first, second, order)


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_every_order_of_the_whole_history_twice_over(history: list[HourChange]) -> None:
    expected = _project(history)
    for order in itertools.permutations(history):
        assert _project([*order, *reversed(order)]) == expected, order


def test_an_event_from_before_versions_never_overrides_a_versioned_change() -> None:
    legacy = HourMadeAvailable(TOMORROW_13, 0)  # a version 1 event, upcast
    reserved = HourReserved(TOMORROW_13, "t1", 2)
    expected = {TOMORROW_13: Availability.TRAINING_SCHEDULED}
    assert _project([reserved, legacy]) == _project([legacy, reserved]) == expected
