"""Trainings in ``trainings/<training id>``: the aggregate with its saga and reschedule state.

A training stored before rejection codes existed (no code fields) reads with the code its
reason sentence maps to (``code_for_reason``).

``deadline_at`` is set only while the training is pending (the domain clears it when it
settles), so ``deadline_at <= now`` finds exactly the overdue sagas on Firestore's automatic
single-field index (``FirestorePendingSagas``); no composite index.
"""

from __future__ import annotations

from typing import Any

from pipeline_kit import UnitOfWorkAttempt
from wild_workouts.adapters_common.stored_time import optional_stored_time, stored_time
from wild_workouts.shared_kernel.rejection_code import RejectionCode, code_for_reason, rejection_code_of
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.domain.reschedule_state import PendingReschedule, RescheduleProposal
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.domain.training_status import TrainingStatus

TRAININGS_COLLECTION = "trainings"


class FirestoreTrainingRepository:
    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def reference(self, training_id: str) -> Any:
        """The document of the training (the unit of work prefetches it)."""
        return self._attempt.client.collection(TRAININGS_COLLECTION).document(training_id)

    def get(self, training_id: str) -> Training | None:
        document = self._attempt.get(self.reference(training_id))
        if document is None:
            return None
        return training_of_document(training_id, document)

    def save(self, training: Training) -> None:
        self._attempt.set(self.reference(training.training_id), _document(training))


def _document(training: Training) -> dict[str, Any]:
    proposal = training.proposal
    pending = training.pending_reschedule
    return {
        "training_id": training.training_id,
        "user_id": training.user_id,
        "user_name": training.user_name,
        "hour": training.hour,
        "notes": training.notes,
        "status": training.status.value,
        "hour_reserved": training.hour_reserved,
        "balance_debited": training.balance_debited,
        "rejection_reason": training.rejection_reason,
        "rejection_code": None if training.rejection_code is None else training.rejection_code.value,
        "canceled_by": None if training.canceled_by is None else training.canceled_by.value,
        "refund": training.refund,
        "proposal": None
        if proposal is None
        else {"new_hour": proposal.new_hour, "proposed_by": proposal.proposed_by.value},
        "pending_reschedule": None
        if pending is None
        else {
            "new_hour": pending.new_hour,
            "request_number": pending.request_number,
            "requested_by": pending.requested_by.value,
        },
        "reschedule_count": training.reschedule_count,
        "last_reschedule_failure": training.last_reschedule_failure,
        "last_reschedule_failure_code": None
        if training.last_reschedule_failure_code is None
        else training.last_reschedule_failure_code.value,
        "requested_at": training.requested_at,
        "deadline_at": training.deadline_at,
    }


def training_of_document(training_id: str, document: dict[str, Any]) -> Training:
    proposal = document.get("proposal")
    pending = document.get("pending_reschedule")
    canceled_by = document.get("canceled_by")
    return Training.restore(
        training_id=training_id,
        user_id=document["user_id"],
        user_name=document["user_name"],
        hour=stored_time(document["hour"]),
        notes=document.get("notes", ""),
        status=TrainingStatus(document["status"]),
        hour_reserved=bool(document.get("hour_reserved")),
        balance_debited=bool(document.get("balance_debited")),
        rejection_reason=document.get("rejection_reason"),
        canceled_by=None if canceled_by is None else Role(canceled_by),
        refund=document.get("refund"),
        proposal=None
        if proposal is None
        else RescheduleProposal(stored_time(proposal["new_hour"]), Role(proposal["proposed_by"])),
        pending_reschedule=None
        if pending is None
        else PendingReschedule(
            stored_time(pending["new_hour"]),
            int(pending["request_number"]),
            Role(pending["requested_by"]),
        ),
        reschedule_count=int(document.get("reschedule_count", 0)),
        last_reschedule_failure=document.get("last_reschedule_failure"),
        rejection_code=_stored_code(document, "rejection_code", "rejection_reason"),
        last_reschedule_failure_code=_stored_code(document, "last_reschedule_failure_code", "last_reschedule_failure"),
        requested_at=optional_stored_time(document.get("requested_at")),
        deadline_at=optional_stored_time(document.get("deadline_at")),
    )


def _stored_code(document: dict[str, Any], code_field: str, reason_field: str) -> RejectionCode | None:
    """The stored code; for a document written before codes existed, its reason's code."""
    if code_field in document:
        code = document[code_field]
        return None if code is None else rejection_code_of(code)
    reason = document.get(reason_field)
    return None if reason is None else code_for_reason(reason)
