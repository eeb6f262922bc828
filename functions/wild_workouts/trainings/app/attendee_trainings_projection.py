"""Projection: trainings events → the attendee trainings read model.

Convergent in any order of arrival, with duplicates; no ordering key is relied on (the
sweeper's republish, ``dlq redrive`` and concurrent publishers reorder events). Each event
comes with its ``EventStamp`` and the view keeps, per part, the stamp of the event that last
set it (``ViewStamps``):
- ``status`` only moves forward, pending < scheduled < rejected | canceled (a final status
  is never overwritten); between two finals, the newer stamp wins;
- ``hour``, the proposal and the last reschedule failure are last-writer-wins registers: an
  event changes one only if its stamp is newer than the one stored (a proposal rejected
  clears the proposal whatever hour it names, because a newer proposal would be newer still).
A duplicate has the stamp already stored and changes nothing.

An event whose view does not exist yet (it arrived before ``TrainingScheduleRequested``, the
creating event) raises ``TrainingViewMissingError``: transient, so the push is answered 503
and Pub/Sub redelivers it with backoff until the creating event has been projected; then it
is applied by the rules above like any late event.
"""

from dataclasses import replace
from datetime import datetime

from pipeline_kit import TransientError
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
from wild_workouts.shared_kernel.event_stamp import EventStamp
from wild_workouts.trainings.app.attendee_trainings_read_model import (
    AttendeeTrainingsWriter,
    TrainingView,
    ViewStamps,
)
from wild_workouts.trainings.domain.training_status import TrainingStatus

_STATUS_RANK = {
    TrainingStatus.PENDING.value: 0,
    TrainingStatus.SCHEDULED.value: 1,
    TrainingStatus.REJECTED.value: 2,
    TrainingStatus.CANCELED.value: 2,
}


class TrainingViewMissingError(TransientError):
    """Transient: the view's creating event has not been projected yet (retry later). A kit
    ``TransientError`` explicitly, so no classification table takes it for a lookup bug."""


def project_training_schedule_requested(
    event: TrainingScheduleRequested, stamp: EventStamp, views: AttendeeTrainingsWriter
) -> None:
    if views.get(event.training_id) is not None:
        return
    views.put(
        TrainingView(
            training_id=event.training_id,
            user_id=event.user_id,
            user_name=event.user_name,
            hour=event.hour,
            notes=event.notes,
            status=TrainingStatus.PENDING.value,
            stamps=ViewStamps(status=stamp, hour=stamp),
        )
    )


def project_training_scheduled(event: TrainingScheduled, stamp: EventStamp, views: AttendeeTrainingsWriter) -> None:
    view = _view(event.training_id, views)
    if _status_moves(view, TrainingStatus.SCHEDULED, stamp):
        views.put(replace(view, status=TrainingStatus.SCHEDULED.value, stamps=replace(view.stamps, status=stamp)))


def project_training_rejected(event: TrainingRejected, stamp: EventStamp, views: AttendeeTrainingsWriter) -> None:
    view = _view(event.training_id, views)
    if _status_moves(view, TrainingStatus.REJECTED, stamp):
        views.put(
            replace(
                view,
                status=TrainingStatus.REJECTED.value,
                rejection_reason=event.reason,
                rejection_code=event.reason_code,
                stamps=replace(view.stamps, status=stamp),
            )
        )


def project_training_canceled(event: TrainingCanceled, stamp: EventStamp, views: AttendeeTrainingsWriter) -> None:
    view = _view(event.training_id, views)
    changed = view
    if _status_moves(view, TrainingStatus.CANCELED, stamp):
        status = TrainingStatus.CANCELED.value
        changed = replace(changed, status=status, refund=event.refund, stamps=replace(changed.stamps, status=stamp))
    changed = _with_proposal(changed, stamp, None, None)
    _put_if_changed(view, changed, views)


def project_training_rescheduled(event: TrainingRescheduled, stamp: EventStamp, views: AttendeeTrainingsWriter) -> None:
    view = _view(event.training_id, views)
    changed = view
    if _newer(stamp, view.stamps.hour):
        changed = replace(changed, hour=event.new_hour, stamps=replace(changed.stamps, hour=stamp))
    changed = _with_proposal(changed, stamp, None, None)
    changed = _with_reschedule_failure(changed, stamp, None, None)
    _put_if_changed(view, changed, views)


def project_training_reschedule_failed(
    event: TrainingRescheduleFailed, stamp: EventStamp, views: AttendeeTrainingsWriter
) -> None:
    view = _view(event.training_id, views)
    changed = _with_proposal(view, stamp, None, None)
    changed = _with_reschedule_failure(changed, stamp, event.reason, event.reason_code)
    _put_if_changed(view, changed, views)


def project_training_reschedule_proposed(
    event: TrainingRescheduleProposed, stamp: EventStamp, views: AttendeeTrainingsWriter
) -> None:
    view = _view(event.training_id, views)
    _put_if_changed(view, _with_proposal(view, stamp, event.new_hour, event.proposed_by), views)


def project_training_reschedule_proposal_rejected(
    event: TrainingRescheduleProposalRejected, stamp: EventStamp, views: AttendeeTrainingsWriter
) -> None:
    view = _view(event.training_id, views)
    _put_if_changed(view, _with_proposal(view, stamp, None, None), views)


def _newer(stamp: EventStamp, stored: EventStamp | None) -> bool:
    return stored is None or stamp > stored


def _status_moves(view: TrainingView, status: TrainingStatus, stamp: EventStamp) -> bool:
    """Forward only; an equal rank goes to the newer stamp (a duplicate, same stamp, never moves)."""
    rank, stored_rank = _STATUS_RANK[status.value], _STATUS_RANK[view.status]
    return rank > stored_rank or (rank == stored_rank and _newer(stamp, view.stamps.status))


def _with_proposal(
    view: TrainingView, stamp: EventStamp, hour: datetime | None, proposed_by: str | None
) -> TrainingView:
    if not _newer(stamp, view.stamps.proposal):
        return view
    return replace(view, proposed_hour=hour, proposed_by=proposed_by, stamps=replace(view.stamps, proposal=stamp))


def _with_reschedule_failure(
    view: TrainingView, stamp: EventStamp, reason: str | None, code: str | None
) -> TrainingView:
    if not _newer(stamp, view.stamps.reschedule_failure):
        return view
    return replace(
        view,
        last_reschedule_failure=reason,
        last_reschedule_failure_code=code,
        stamps=replace(view.stamps, reschedule_failure=stamp),
    )


def _put_if_changed(before: TrainingView, after: TrainingView, views: AttendeeTrainingsWriter) -> None:
    if after != before:
        views.put(after)


def _view(training_id: str, views: AttendeeTrainingsWriter) -> TrainingView:
    view = views.get(training_id)
    if view is None:
        raise TrainingViewMissingError(f"training view {training_id} is not projected yet")
    return view
