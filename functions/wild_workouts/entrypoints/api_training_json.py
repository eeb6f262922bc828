"""Trainings as the API shows them (schemas ``Training`` and ``TrainingView`` of the document)."""

from __future__ import annotations

from typing import Any

from wild_workouts.entrypoints.api_wire_format import render_time
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.domain.training import Training


def training_json(training: Training) -> dict[str, Any]:
    """The aggregate, read now (``consistency: strong``)."""
    proposal = training.proposal
    pending = training.pending_reschedule
    return {
        "training_id": training.training_id,
        "user_id": training.user_id,
        "user_name": training.user_name,
        "hour": render_time(training.hour),
        "notes": training.notes,
        "status": training.status.value,
        "rejection_reason": training.rejection_reason,
        "canceled_by": None if training.canceled_by is None else training.canceled_by.value,
        "refund": training.refund,
        "proposal": None
        if proposal is None
        else {"hour": render_time(proposal.new_hour), "proposed_by": proposal.proposed_by.value},
        "pending_reschedule": None
        if pending is None
        else {"hour": render_time(pending.new_hour), "requested_by": pending.requested_by.value},
        "last_reschedule_failure": training.last_reschedule_failure,
        "consistency": "strong",
    }


def training_view_json(view: TrainingView) -> dict[str, Any]:
    """A row of the (lagging) attendee trainings read model."""
    return {
        "training_id": view.training_id,
        "user_id": view.user_id,
        "user_name": view.user_name,
        "hour": render_time(view.hour),
        "notes": view.notes,
        "status": view.status,
        "rejection_reason": view.rejection_reason,
        "refund": view.refund,
        "proposed_hour": render_time(view.proposed_hour),
        "proposed_by": view.proposed_by,
        "last_reschedule_failure": view.last_reschedule_failure,
    }
