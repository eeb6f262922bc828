"""Trainings as the API shows them (schemas ``Training`` and ``TrainingView`` of the document).

``rejection`` and ``reschedule_failure`` are ``{"code", "message"}`` (or null): the stable
``RejectionCode`` and a sentence for the gym member. The free-text ``rejection_reason`` and
``last_reschedule_failure`` stay for operators and older clients.
"""

from __future__ import annotations

from typing import Any

from wild_workouts.http.wire_format import render_time
from wild_workouts.shared_kernel.rejection_code import RejectionCode, code_for_reason, rejection_code_of
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.domain.training import Training

MEMBER_MESSAGES: dict[RejectionCode, str] = {
    RejectionCode.HOUR_NOT_AVAILABLE: "The hour was just taken by someone else or is no longer open.",
    RejectionCode.HOUR_IN_PAST: "The hour has already started or passed.",
    RejectionCode.INSUFFICIENT_BALANCE: "You have no trainings left on your balance.",
    RejectionCode.TRAINING_CLOSED: "The training was already closed.",
    RejectionCode.TIMED_OUT: "The booking could not be confirmed in time; your training was given back.",
    RejectionCode.UNKNOWN: "The request could not be completed.",
}


def rejection_json(code: RejectionCode | str | None, reason: str | None) -> dict[str, str] | None:
    """``{"code", "message"}`` when there is a reason or a code, else None."""
    if code is None and reason is None:
        return None
    known = rejection_code_of(code) if code is not None else code_for_reason(reason)
    return {"code": known.value, "message": MEMBER_MESSAGES[known]}


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
        "rejection": rejection_json(training.rejection_code, training.rejection_reason),
        "canceled_by": None if training.canceled_by is None else training.canceled_by.value,
        "refund": training.refund,
        "proposal": None
        if proposal is None
        else {"hour": render_time(proposal.new_hour), "proposed_by": proposal.proposed_by.value},
        "pending_reschedule": None
        if pending is None
        else {"hour": render_time(pending.new_hour), "requested_by": pending.requested_by.value},
        "last_reschedule_failure": training.last_reschedule_failure,
        "reschedule_failure": rejection_json(training.last_reschedule_failure_code, training.last_reschedule_failure),
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
        "rejection": rejection_json(view.rejection_code, view.rejection_reason),
        "refund": view.refund,
        "proposed_hour": render_time(view.proposed_hour),
        "proposed_by": view.proposed_by,
        "last_reschedule_failure": view.last_reschedule_failure,
        "reschedule_failure": rejection_json(view.last_reschedule_failure_code, view.last_reschedule_failure),
    }
