"""The attendee trainings view converges in any order of arrival, with duplicates.

Delivery is modelled as Pub/Sub does it: an event that raises ``TrainingViewMissingError``
(it came before the creating event) is answered 503 and delivered again later. Every pair of a
training's events, in both orders and repeated, and many orders of its whole history with every
event twice, end in the view the history gives in the order it happened.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import pytest

from tests.unit.wild_workouts.fakes import FakeAttendeeTrainingsReadModel, application_handlers
from tests.unit.wild_workouts.sample_values import NOW, TOMORROW_13, at
from wild_workouts.contracts import trainings_events as tr
from wild_workouts.shared_kernel.event_stamp import EventStamp
from wild_workouts.trainings.app.attendee_trainings_projection import TrainingViewMissingError
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.entrypoints.push_consumers import ATTENDEE_TRAININGS

pytestmark = pytest.mark.unit

PROJECT: dict[type[Any], Callable[..., None]] = application_handlers(ATTENDEE_TRAININGS)
"""Event → projection, as the ``attendee-trainings`` consumer wires it: ``(event, stamp, views)``."""
H1, H2, H3, H4 = TOMORROW_13, at(2, 14), at(3, 15), at(4, 16)
Stamped = tuple[Any, EventStamp]


def _stamped(events: Sequence[Any]) -> list[Stamped]:
    # the same millisecond twice: the event id breaks the tie, the same way in every order
    return [(event, EventStamp(NOW + timedelta(milliseconds=n // 2 * 2), f"e{n}")) for n, event in enumerate(events)]


REQUESTED = tr.TrainingScheduleRequested("t1", H1, "alice", "Alice", "legs")
HISTORIES = {
    "moved, then canceled": _stamped(
        [
            REQUESTED,
            tr.TrainingScheduled("t1", H1, "alice"),
            tr.TrainingRescheduleProposed("t1", H2, "trainer"),
            tr.TrainingRescheduleProposalRejected("t1", H2, "attendee"),
            tr.TrainingRescheduleProposed("t1", H3, "attendee"),
            tr.TrainingRescheduleFailed("t1", H3, "hour taken", "hour_not_available"),
            tr.TrainingRescheduled("t1", H1, H4),
            tr.TrainingRescheduleProposed("t1", H2, "trainer"),
            tr.TrainingCanceled("t1", H4, "alice", 1, "attendee"),
        ]
    ),
    "rejected": _stamped([REQUESTED, tr.TrainingRejected("t1", H1, "alice", "balance 0", "insufficient_balance")]),
    "left with a proposal and a failure": _stamped(
        [
            REQUESTED,
            tr.TrainingScheduled("t1", H1, "alice"),
            tr.TrainingRescheduleFailed("t1", H3, "hour taken", "hour_not_available"),
            tr.TrainingRescheduleProposed("t1", H2, "trainer"),
        ]
    ),
}


def _deliver(order: Sequence[Stamped]) -> TrainingView:
    """Deliver ``order``; what is not projectable yet is redelivered after the others."""
    views = FakeAttendeeTrainingsReadModel()
    pending = list(order)
    while pending:
        retry = []
        for event, stamp in pending:
            try:
                PROJECT[type(event)](event, stamp, views)
            except TrainingViewMissingError:
                retry.append((event, stamp))
        assert len(retry) < len(pending), "redelivery would never succeed"
        pending = retry
    return views.rows["t1"]


def test_the_histories_end_where_the_domain_says() -> None:
    moved = _deliver(HISTORIES["moved, then canceled"])
    assert (moved.status, moved.refund, moved.hour, moved.proposed_hour) == ("canceled", 1, H4, None)
    assert moved.last_reschedule_failure is None
    rejected = _deliver(HISTORIES["rejected"])
    assert (rejected.status, rejected.rejection_code) == ("rejected", "insufficient_balance")
    left = _deliver(HISTORIES["left with a proposal and a failure"])
    assert (left.status, left.proposed_hour, left.last_reschedule_failure) == ("scheduled", H2, "hour taken")


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_every_pair_in_both_orders_and_with_duplicates(history: list[Stamped]) -> None:
    creating = history[0]
    for first, second in itertools.combinations(history, 2):
        base = [] if creating in (first, second) else [creating]
        expected = _deliver([*base, first, second])  # the order they happened in
        for order in ([second, first], [first, first, second, second], [second, first, second, first]):
            for arrival in ([*order, *base], [*base, *order]):  # the creating event last, or first
                assert _deliver(arrival) == expected, (first, second, arrival)


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_many_orders_of_the_whole_history_twice_over(history: list[Stamped]) -> None:
    expected = _deliver(history)
    shuffler = random.Random(12)
    for _ in range(1500):
        order = [*history, *history]
        shuffler.shuffle(order)
        assert _deliver(order) == expected, order


def test_late_older_events_do_not_undo_a_cancel() -> None:
    requested, scheduled, proposed, canceled = _stamped(
        [
            REQUESTED,
            tr.TrainingScheduled("t1", H1, "alice"),
            tr.TrainingRescheduleProposed("t1", H2, "attendee"),
            tr.TrainingCanceled("t1", H1, "alice", 2, "trainer"),
        ]
    )
    final = _deliver([requested, canceled, proposed, scheduled])  # the sweeper republished two stragglers
    assert (final.status, final.refund, final.proposed_hour) == ("canceled", 2, None)
