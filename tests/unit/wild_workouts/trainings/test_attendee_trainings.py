"""The attendee trainings projection and the list query."""

import itertools
from datetime import timedelta

import pytest

from tests.unit.wild_workouts.fakes import FakeAttendeeTrainingsReadModel
from tests.unit.wild_workouts.sample_values import ADMIN, ALICE, BOB, NOW, TOMORROW_13, TRAINER, at
from wild_workouts.contracts.trainings_events import (
    TrainingCanceled,
    TrainingRejected,
    TrainingRescheduled,
    TrainingRescheduleFailed,
    TrainingRescheduleProposalRejected,
    TrainingRescheduleProposed,
    TrainingScheduled,
    TrainingScheduleRequested,
)
from wild_workouts.shared_kernel.domain_errors import ForbiddenError
from wild_workouts.shared_kernel.event_stamp import EventStamp
from wild_workouts.trainings.app.attendee_trainings_projection import (
    TrainingViewMissingError,
    project_training_canceled,
    project_training_rejected,
    project_training_reschedule_failed,
    project_training_reschedule_proposal_rejected,
    project_training_reschedule_proposed,
    project_training_rescheduled,
    project_training_schedule_requested,
    project_training_scheduled,
)
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.app.training_queries import ListTrainings, handle_list_trainings

pytestmark = pytest.mark.unit

LATER = at(3, 15)
_TICKS = itertools.count()


def _stamp() -> EventStamp:
    """A fresh stamp, later than every earlier one (events projected in the order they occurred)."""
    tick = next(_TICKS)
    return EventStamp(NOW + timedelta(milliseconds=tick), f"e{tick:06d}")


def _views() -> FakeAttendeeTrainingsReadModel:
    views = FakeAttendeeTrainingsReadModel()
    project_training_schedule_requested(
        TrainingScheduleRequested("t1", TOMORROW_13, "alice", "Alice", "legs"), _stamp(), views
    )
    project_training_schedule_requested(TrainingScheduleRequested("t2", at(1, 12), "bob", "Bob", ""), _stamp(), views)
    return views


def _view(views: FakeAttendeeTrainingsReadModel, training_id: str) -> TrainingView:
    return views.rows[training_id]


def test_status_and_proposals_follow_the_events() -> None:
    views = _views()
    project_training_scheduled(TrainingScheduled("t1", TOMORROW_13, "alice"), _stamp(), views)
    assert _view(views, "t1").status == "scheduled"
    project_training_reschedule_proposed(TrainingRescheduleProposed("t1", LATER, "trainer"), _stamp(), views)
    assert (_view(views, "t1").proposed_hour, _view(views, "t1").proposed_by) == (LATER, "trainer")
    project_training_reschedule_proposal_rejected(
        TrainingRescheduleProposalRejected("t1", LATER, "attendee"), _stamp(), views
    )
    assert _view(views, "t1").proposed_hour is None
    project_training_reschedule_failed(
        TrainingRescheduleFailed("t1", LATER, "taken", "hour_not_available"), _stamp(), views
    )
    assert _view(views, "t1").last_reschedule_failure == "taken"
    project_training_rescheduled(TrainingRescheduled("t1", TOMORROW_13, LATER), _stamp(), views)
    assert _view(views, "t1").hour == LATER
    assert _view(views, "t1").last_reschedule_failure is None
    project_training_canceled(TrainingCanceled("t1", LATER, "alice", 1, "attendee"), _stamp(), views)
    assert (_view(views, "t1").status, _view(views, "t1").refund) == ("canceled", 1)
    project_training_scheduled(TrainingScheduled("t1", TOMORROW_13, "alice"), _stamp(), views)  # stale
    assert _view(views, "t1").status == "canceled"


def test_rejection_keeps_the_reason_and_duplicates_are_harmless() -> None:
    views = _views()
    rejected, stamp = TrainingRejected("t2", at(1, 12), "bob", "balance 0", "insufficient_balance"), _stamp()
    project_training_rejected(rejected, stamp, views)
    project_training_rejected(rejected, stamp, views)
    project_training_schedule_requested(TrainingScheduleRequested("t2", at(1, 12), "bob", "Bob", ""), _stamp(), views)
    assert (_view(views, "t2").status, _view(views, "t2").rejection_reason) == ("rejected", "balance 0")


def test_an_event_before_its_view_exists_is_retried() -> None:
    with pytest.raises(TrainingViewMissingError):
        project_training_scheduled(
            TrainingScheduled("t9", TOMORROW_13, "alice"), _stamp(), FakeAttendeeTrainingsReadModel()
        )


def test_list_shows_own_trainings_to_attendees_and_all_to_trainers() -> None:
    views = _views()
    assert [view.training_id for view in handle_list_trainings(ListTrainings(ALICE), views)] == ["t1"]
    assert [view.training_id for view in handle_list_trainings(ListTrainings(BOB), views)] == ["t2"]
    assert [view.training_id for view in handle_list_trainings(ListTrainings(TRAINER), views)] == [
        "t2",
        "t1",
    ]
    with pytest.raises(ForbiddenError):
        handle_list_trainings(ListTrainings(ADMIN), views)
