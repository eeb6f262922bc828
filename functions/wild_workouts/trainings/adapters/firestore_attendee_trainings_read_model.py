"""The attendee trainings read model in ``attendee_trainings/<training id>``: one view each.

The write side (projections) reads and writes through the unit of work attempt (one batched
read with the processed marker, one commit under the read's ``update_time`` precondition);
``stamps`` holds, per part of the view, the stamp of the event that set it as
``{"occurred_at": ISO 8601 with microseconds, "event_id": ...}`` (strings, so they compare
exactly; absent on views projected before stamps existed). The read side queries by
``user_id`` (attendees) or reads all (the trainer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pipeline_kit import UnitOfWorkAttempt
from wild_workouts.adapters_common.stored_time import optional_stored_time, stored_time
from wild_workouts.shared_kernel.event_stamp import EventStamp
from wild_workouts.shared_kernel.rejection_code import code_for_reason
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView, ViewStamps

ATTENDEE_TRAININGS_COLLECTION = "attendee_trainings"


def view_document(view: TrainingView) -> dict[str, Any]:
    return {
        "training_id": view.training_id,
        "user_id": view.user_id,
        "user_name": view.user_name,
        "hour": view.hour,
        "notes": view.notes,
        "status": view.status,
        "rejection_reason": view.rejection_reason,
        "refund": view.refund,
        "proposed_hour": view.proposed_hour,
        "proposed_by": view.proposed_by,
        "last_reschedule_failure": view.last_reschedule_failure,
        "rejection_code": view.rejection_code,
        "last_reschedule_failure_code": view.last_reschedule_failure_code,
        "stamps": {
            "status": _stamp_document(view.stamps.status),
            "hour": _stamp_document(view.stamps.hour),
            "proposal": _stamp_document(view.stamps.proposal),
            "reschedule_failure": _stamp_document(view.stamps.reschedule_failure),
        },
    }


def _stamp_document(stamp: EventStamp | None) -> dict[str, str] | None:
    if stamp is None:
        return None
    return {"occurred_at": stamp.occurred_at.isoformat(timespec="microseconds"), "event_id": stamp.event_id}


def _stored_stamps(document: Mapping[str, Any] | None) -> ViewStamps:
    document = document or {}

    def stamp(part: str) -> EventStamp | None:
        stored = document.get(part)
        if not stored:
            return None
        return EventStamp(datetime.fromisoformat(stored["occurred_at"]), stored["event_id"])

    return ViewStamps(stamp("status"), stamp("hour"), stamp("proposal"), stamp("reschedule_failure"))


def view_from_document(document: dict[str, Any]) -> TrainingView:
    return TrainingView(
        training_id=document["training_id"],
        user_id=document["user_id"],
        user_name=document["user_name"],
        hour=stored_time(document["hour"]),
        notes=document.get("notes", ""),
        status=document["status"],
        rejection_reason=document.get("rejection_reason"),
        refund=document.get("refund"),
        proposed_hour=optional_stored_time(document.get("proposed_hour")),
        proposed_by=document.get("proposed_by"),
        last_reschedule_failure=document.get("last_reschedule_failure"),
        rejection_code=_stored_code(document, "rejection_code", "rejection_reason"),
        last_reschedule_failure_code=_stored_code(document, "last_reschedule_failure_code", "last_reschedule_failure"),
        stamps=_stored_stamps(document.get("stamps")),
    )


def _stored_code(document: dict[str, Any], code_field: str, reason_field: str) -> str | None:
    """A view projected before rejection codes existed reads with its reason's code."""
    if code_field in document:
        code = document[code_field]
        return None if code is None else str(code)
    reason = document.get(reason_field)
    return None if reason is None else code_for_reason(reason).value


class FirestoreAttendeeTrainingsWriter:
    """``AttendeeTrainingsWriter``: reads and writes through the unit of work attempt."""

    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def reference(self, training_id: str) -> Any:
        return self._attempt.client.collection(ATTENDEE_TRAININGS_COLLECTION).document(training_id)

    def get(self, training_id: str) -> TrainingView | None:
        document = self._attempt.get(self.reference(training_id))
        return None if document is None else view_from_document(document)

    def put(self, view: TrainingView) -> None:
        self._attempt.set(self.reference(view.training_id), view_document(view))


class FirestoreAttendeeTrainingsReader:
    """``AttendeeTrainingsReader``: direct reads and queries (eventually consistent)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def get(self, training_id: str) -> TrainingView | None:
        from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS

        FIRESTORE_RPCS.add(reads=1)
        snapshot = self._client.collection(ATTENDEE_TRAININGS_COLLECTION).document(training_id).get()
        return view_from_document(snapshot.to_dict()) if snapshot.exists else None

    def list_for_user(self, user_id: str) -> Sequence[TrainingView]:
        from google.cloud.firestore_v1.base_query import FieldFilter

        query = self._client.collection(ATTENDEE_TRAININGS_COLLECTION).where(
            filter=FieldFilter("user_id", "==", user_id)
        )
        return self._run(query)

    def list_all(self) -> Sequence[TrainingView]:
        return self._run(self._client.collection(ATTENDEE_TRAININGS_COLLECTION))

    def _run(self, query: Any) -> list[TrainingView]:
        from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS

        FIRESTORE_RPCS.add(queries=1)
        return [view_from_document(snapshot.to_dict()) for snapshot in query.stream()]
