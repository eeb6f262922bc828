"""The calendar read model in ``trainer_calendar/<hour id>``: {hour, state, updated_at}.

``state`` is the hour's newest entry as one integer, ``hour_version * 10 + rank`` (rank:
0 ``not_available``, 1 ``available``, 2 ``training_scheduled``; e.g. 52 = version 5,
training scheduled), written with Firestore's server-side ``maximum`` transform in a merge:
the stored value becomes the greater of the two, which is exactly the port's order
(greatest ``(hour_version, rank)``). So an update stays one read-free commit with the
processed marker, and converges in any order: an older or duplicate event leaves ``state``
as it was (``updated_at`` is the time of the last write, whether or not it changed ``state``).

Documents written before versions existed hold ``availability`` instead of ``state``; they are
read from it until their hour's next event adds ``state``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pipeline_kit import UnitOfWorkAttempt
from wild_workouts.shared_kernel.utc_hour import hour_id
from wild_workouts.trainer.app.calendar_read_model import AVAILABILITY_RANK
from wild_workouts.trainer.domain.availability import Availability

CALENDAR_COLLECTION = "trainer_calendar"
_STATE_BASE = 10
_BY_RANK = {rank: availability for availability, rank in AVAILABILITY_RANK.items()}


def calendar_state(availability: Availability, hour_version: int) -> int:
    """The stored ``state`` of an entry (ordered as the port orders entries)."""
    if hour_version < 0:
        raise ValueError(f"hour_version must not be negative, got {hour_version}")
    return hour_version * _STATE_BASE + AVAILABILITY_RANK[availability]


def availability_of_document(document: Mapping[str, Any]) -> Availability:
    """The availability a stored calendar document says (``state``, else the legacy field)."""
    state = document.get("state")
    if isinstance(state, int) and not isinstance(state, bool):
        return _BY_RANK[state % _STATE_BASE]
    return Availability(document["availability"])


class FirestoreCalendarWriter:
    """``CalendarWriter``: read-free merges inside a unit of work attempt."""

    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def set_availability(self, hour: datetime, availability: Availability, hour_version: int) -> None:
        from google.cloud.firestore_v1.transforms import Maximum

        ref = self._attempt.client.collection(CALENDAR_COLLECTION).document(hour_id(hour))
        state = Maximum(calendar_state(availability, hour_version))
        self._attempt.merge(ref, {"hour": hour, "state": state, "updated_at": self._attempt.now})


class FirestoreCalendarReader:
    """``CalendarReader``: a range query on ``hour``."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def availability_between(self, start: datetime, end: datetime) -> Mapping[datetime, Availability]:
        from google.cloud.firestore_v1.base_query import FieldFilter

        from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS

        query = (
            self._client.collection(CALENDAR_COLLECTION)
            .where(filter=FieldFilter("hour", ">=", start))
            .where(filter=FieldFilter("hour", "<", end))
        )
        FIRESTORE_RPCS.add(queries=1)
        result: dict[datetime, Availability] = {}
        for snapshot in query.stream():
            document = snapshot.to_dict()
            hour = datetime.fromtimestamp(document["hour"].timestamp(), UTC)
            result[hour] = availability_of_document(document)
        return result
