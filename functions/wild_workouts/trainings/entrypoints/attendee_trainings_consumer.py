"""The attendee trainings read model's push consumer (trainings events → each attendee's view).

A module of its own: the service that serves it imports only the view's projection.
"""

from __future__ import annotations

from pipeline_kit.routing.consumer_spec import ConsumerSpec
from wild_workouts.adapters_common.consumer_wiring import consumer_spec, stamped_projection_handler
from wild_workouts.contracts import trainings_events as tr
from wild_workouts.trainings.adapters.firestore_attendee_trainings_read_model import (
    FirestoreAttendeeTrainingsWriter,
)
from wild_workouts.trainings.app import attendee_trainings_projection as view


def attendee_trainings() -> ConsumerSpec:
    writer = FirestoreAttendeeTrainingsWriter
    return consumer_spec(
        "attendee-trainings",
        "trainings",
        {
            tr.TrainingScheduleRequested: stamped_projection_handler(view.project_training_schedule_requested, writer),
            tr.TrainingScheduled: stamped_projection_handler(view.project_training_scheduled, writer),
            tr.TrainingRejected: stamped_projection_handler(view.project_training_rejected, writer),
            tr.TrainingCanceled: stamped_projection_handler(view.project_training_canceled, writer),
            tr.TrainingRescheduled: stamped_projection_handler(view.project_training_rescheduled, writer),
            tr.TrainingRescheduleFailed: stamped_projection_handler(view.project_training_reschedule_failed, writer),
            tr.TrainingRescheduleProposed: stamped_projection_handler(
                view.project_training_reschedule_proposed, writer
            ),
            tr.TrainingRescheduleProposalRejected: stamped_projection_handler(
                view.project_training_reschedule_proposal_rejected, writer
            ),
        },
    )
