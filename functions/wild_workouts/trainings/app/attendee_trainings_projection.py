"""Projection: trainings events → the attendee trainings read model.

Idempotent (each event sets fields to what it says; a final status, rejected or canceled, is
never overwritten). Relies on per-training ordering (the ordering key is the training id);
an event whose training view does not exist yet raises ``TrainingViewMissingError``, which is
transient: the push is retried until the creating event has been projected.
"""

from dataclasses import replace

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
from wild_workouts.trainings.app.attendee_trainings_read_model import (
    AttendeeTrainingsReadModel,
    TrainingView,
)
from wild_workouts.trainings.domain.training_status import TrainingStatus

_FINAL = frozenset({TrainingStatus.REJECTED.value, TrainingStatus.CANCELED.value})


class TrainingViewMissingError(LookupError):
    """Transient: the view's creating event has not been projected yet (retry later)."""


def project_training_schedule_requested(event: TrainingScheduleRequested, views: AttendeeTrainingsReadModel) -> None:
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
        )
    )


def project_training_scheduled(event: TrainingScheduled, views: AttendeeTrainingsReadModel) -> None:
    view = _view(event.training_id, views)
    if view.status not in _FINAL:
        views.put(replace(view, status=TrainingStatus.SCHEDULED.value))


def project_training_rejected(event: TrainingRejected, views: AttendeeTrainingsReadModel) -> None:
    view = _view(event.training_id, views)
    views.put(
        replace(
            view,
            status=TrainingStatus.REJECTED.value,
            rejection_reason=event.reason,
            rejection_code=event.reason_code,
        )
    )


def project_training_canceled(event: TrainingCanceled, views: AttendeeTrainingsReadModel) -> None:
    view = _view(event.training_id, views)
    views.put(
        replace(
            view,
            status=TrainingStatus.CANCELED.value,
            refund=event.refund,
            proposed_hour=None,
            proposed_by=None,
        )
    )


def project_training_rescheduled(event: TrainingRescheduled, views: AttendeeTrainingsReadModel) -> None:
    view = _view(event.training_id, views)
    views.put(
        replace(
            view,
            hour=event.new_hour,
            proposed_hour=None,
            proposed_by=None,
            last_reschedule_failure=None,
            last_reschedule_failure_code=None,
        )
    )


def project_training_reschedule_failed(event: TrainingRescheduleFailed, views: AttendeeTrainingsReadModel) -> None:
    view = _view(event.training_id, views)
    views.put(
        replace(
            view,
            proposed_hour=None,
            proposed_by=None,
            last_reschedule_failure=event.reason,
            last_reschedule_failure_code=event.reason_code,
        )
    )


def project_training_reschedule_proposed(event: TrainingRescheduleProposed, views: AttendeeTrainingsReadModel) -> None:
    view = _view(event.training_id, views)
    views.put(replace(view, proposed_hour=event.new_hour, proposed_by=event.proposed_by))


def project_training_reschedule_proposal_rejected(
    event: TrainingRescheduleProposalRejected, views: AttendeeTrainingsReadModel
) -> None:
    view = _view(event.training_id, views)
    if view.proposed_hour == event.new_hour:
        views.put(replace(view, proposed_hour=None, proposed_by=None))


def _view(training_id: str, views: AttendeeTrainingsReadModel) -> TrainingView:
    view = views.get(training_id)
    if view is None:
        raise TrainingViewMissingError(f"training view {training_id} is not projected yet")
    return view
