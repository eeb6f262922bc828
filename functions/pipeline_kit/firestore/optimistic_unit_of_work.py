"""An optimistic unit of work on Firestore: snapshot reads, one atomic commit with preconditions.

Why not a Firestore transaction: a transaction costs BeginTransaction + reads + Commit and
holds locks that contended documents time out on. Here an attempt is at most two round
trips: one batched read (the processed marker rides along with the first read) and one
commit. Every document the work writes after reading it carries a precondition (its read
``update_time``, or "must not exist"), so a concurrent change makes the commit fail and the
attempt is re-run from scratch with fresh reads (optimistic concurrency control).

Contract for ``work``: it may be called several times; all its effects must go through the
``UnitOfWorkAttempt`` (reads, writes, events), never its own I/O. Documents it only reads are
not re-validated at commit: write what your decision depends on.

Idempotency: with a ``ProcessedMarker`` the commit also creates ``processed_events/<consumer>__<event_id>``
(with ``expire_at`` for a TTL policy). If that marker already exists the work is not applied
and ``run`` raises ``DuplicateEvent``. Markers are keyed by the *event id*, not the Pub/Sub
message id, so a double publish of the same event is caught too.

Outcomes: returns the work's result and the outbox records committed with it; raises
``DuplicateEvent``; raises ``ConflictRetriesExhausted`` (transient) after ``max_attempts``
conflicting commits; Google API errors propagate (classify with ``is_transient``).

Time: inside a push delivery every round trip (the batched read, queries, the commit, the
marker check after a conflict) is bounded by the delivery's remaining budget, with the client
library's own retry off (``deadline/budgeted_call``); no new attempt starts once it is spent.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from pipeline_kit.deadline.budgeted_call import call_within_budget
from pipeline_kit.deadline.delivery_deadline import timeout_within_deadline
from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.firestore_writes.write_pbs import add_create, add_set, add_update
from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS
from pipeline_kit.outbox.outbox_record import OUTBOX_COLLECTION, OutboxRecord

PROCESSED_COLLECTION = "processed_events"
T = TypeVar("T")


class DuplicateEvent(Exception):
    """The event was already processed by this consumer: nothing was applied."""


class ConflictRetriesExhausted(RuntimeError):
    """Every attempt lost a write conflict. Transient: retry later."""


@dataclass(frozen=True)
class ProcessedMarker:
    consumer: str
    event_id: str
    ttl: timedelta = timedelta(days=7)
    correlation_id: str = ""
    event_type: str = ""

    @property
    def document_id(self) -> str:
        return f"{self.consumer}__{self.event_id}"


@dataclass
class _ReadState:
    exists: bool
    update_time: Any
    fields: frozenset[str] = frozenset()


@dataclass
class UnitOfWorkResult(Generic[T]):
    value: T
    events: list[OutboxRecord] = field(default_factory=list)
    attempts: int = 1


class UnitOfWorkAttempt:
    """One attempt: buffered writes over snapshot reads. Documents are plain dicts."""

    def __init__(self, client: Any, marker: ProcessedMarker | None, check_marker: bool) -> None:
        self.client = client
        self._marker = marker
        self._marker_ref = client.collection(PROCESSED_COLLECTION).document(marker.document_id) if marker else None
        self._marker_pending = check_marker and marker is not None
        self._reads: dict[str, _ReadState] = {}
        self._prefetched: dict[str, dict[str, Any] | None] = {}
        self._writes: dict[str, tuple[str, Any, dict[str, Any] | None]] = {}
        self._write_order: list[str] = []
        self.events: list[OutboxRecord] = []
        self.now = datetime.now(UTC)

    # -- reads ---------------------------------------------------------------------------------
    def get(self, ref: Any) -> dict[str, Any] | None:
        return self.get_all([ref])[0]

    def prefetch(self, refs: Sequence[Any]) -> None:
        """Read ``refs`` now, in one round trip with the marker; later ``get`` calls of them are free.

        Handlers whose reads are known from the message alone use this to stay at two round
        trips (one read, one commit) however many documents they read.
        """
        for ref, document in zip(refs, self.get_all(refs), strict=True):
            self._prefetched[ref.path] = document

    def get_all(self, refs: Sequence[Any]) -> list[dict[str, Any] | None]:
        """Read documents in one round trip (plus the processed marker on the first read)."""
        if refs and all(ref.path in self._prefetched for ref in refs):
            return [_copy(self._prefetched[ref.path]) for ref in refs]
        wanted = list(refs)
        if self._marker_pending and self._marker_ref is not None:
            wanted.append(self._marker_ref)
        if not wanted:
            return []
        FIRESTORE_RPCS.add(reads=1)
        snapshots = call_within_budget(lambda options: list(self.client.get_all(wanted, **options)))
        by_path = {snapshot.reference.path: snapshot for snapshot in snapshots}
        if self._marker_pending and self._marker_ref is not None:
            self._marker_pending = False
            marker_snapshot = by_path.get(self._marker_ref.path)
            if marker_snapshot is not None and marker_snapshot.exists:
                raise DuplicateEvent(self._marker_ref.path)
        results: list[dict[str, Any] | None] = []
        for ref in refs:
            snapshot = by_path.get(ref.path)
            exists = bool(snapshot is not None and snapshot.exists)
            document = snapshot.to_dict() if exists and snapshot is not None else None
            self._reads.setdefault(
                ref.path,
                _ReadState(
                    exists,
                    snapshot.update_time if snapshot is not None and exists else None,
                    frozenset(document or ()),
                ),
            )
            results.append(document)
        return results

    def query(self, query: Any) -> list[tuple[Any, dict[str, Any]]]:
        """Run a query (its results are not re-validated at commit)."""
        FIRESTORE_RPCS.add(queries=1)
        return call_within_budget(
            lambda options: [(snapshot.reference, snapshot.to_dict()) for snapshot in query.stream(**options)]
        )

    # -- writes --------------------------------------------------------------------------------
    def set(self, ref: Any, data: dict[str, Any]) -> None:
        self._buffer(ref, "set", data)

    def create(self, ref: Any, data: dict[str, Any]) -> None:
        self._buffer(ref, "create", data)

    def merge(self, ref: Any, data: dict[str, Any]) -> None:
        """A blind merge: the listed fields are written, the others kept; field transforms
        (``Increment``, ``Maximum``, ...) apply server-side to the stored values. No read and no
        precondition: for writes that converge whatever was stored (e.g. a ``Maximum`` register)."""
        self._buffer(ref, "merge", data)

    def delete(self, ref: Any) -> None:
        self._buffer(ref, "delete", None)

    def add_event(self, envelope: EventEnvelope, topic: str, ordering_key: str | None = None) -> OutboxRecord:
        """Store the event in the outbox, in the same commit as the state change."""
        record = OutboxRecord(
            envelope=envelope,
            topic=topic,
            ordering_key=ordering_key or envelope.aggregate_id,
            created_at=self.now,
            sequence=len(self.events),
        )
        self.create(
            self.client.collection(OUTBOX_COLLECTION).document(envelope.event_id),
            record.to_document(),
        )
        self.events.append(record)
        return record

    def _buffer(self, ref: Any, kind: str, data: dict[str, Any] | None) -> None:
        if ref.path not in self._writes:
            self._write_order.append(ref.path)
        self._writes[ref.path] = (kind, ref, data)

    # -- commit --------------------------------------------------------------------------------
    def commit(self) -> None:
        """One atomic commit through the client's batch (create / set / update / delete; the
        writes of plain documents built by ``write_pbs``, the same protobufs at a fraction of
        the CPU).

        A document read as existing is written with an ``update`` carrying its read ``update_time``
        as the precondition, with the fields it no longer has deleted (so it behaves as a full
        ``set``); one read as missing is written with ``create``. Top-level field names of such
        documents must be plain identifiers (``update`` reads dots as paths).
        """
        batch = self.client.batch()
        writes = 0
        for path in self._write_order:
            kind, ref, data = self._writes[path]
            read = self._reads.get(path)
            if kind == "merge":
                batch.set(ref, data, merge=True)
            elif kind == "create" or (kind == "set" and read is not None and not read.exists):
                add_create(batch, ref, data or {})
            elif kind == "delete":
                option = self._precondition(read)
                batch.delete(ref, option=option) if option is not None else batch.delete(ref)
            elif read is not None and read.exists:
                replacing = self._replacing(read, data or {})
                add_update(batch, ref, replacing, self._precondition(read), read.update_time)
            else:
                add_set(batch, ref, data or {})
            writes += 1
        if self._marker is not None and self._marker_ref is not None:
            add_create(
                batch,
                self._marker_ref,
                {
                    "consumer": self._marker.consumer,
                    "event_id": self._marker.event_id,
                    "event_type": self._marker.event_type,
                    "correlation_id": self._marker.correlation_id,
                    "processed_at": self.now,
                    "expire_at": self.now + self._marker.ttl,
                },
            )
            writes += 1
        if not writes:
            return
        FIRESTORE_RPCS.add(commits=1)
        call_within_budget(lambda options: batch.commit(**options))

    def _precondition(self, read: _ReadState | None) -> Any:
        if read is None or not read.exists:
            return None
        return self.client.write_option(last_update_time=read.update_time)

    @staticmethod
    def _replacing(read: _ReadState, data: dict[str, Any]) -> dict[str, Any]:
        from google.cloud.firestore_v1 import DELETE_FIELD

        return {**data, **{gone: DELETE_FIELD for gone in read.fields - data.keys()}}


def _copy(document: dict[str, Any] | None) -> dict[str, Any] | None:
    import copy

    return copy.deepcopy(document)


def run_unit_of_work(
    client: Any,
    work: Callable[[UnitOfWorkAttempt], T],
    *,
    marker: ProcessedMarker | None = None,
    max_attempts: int = 6,
    sleep: Callable[[float], None] = time.sleep,
) -> UnitOfWorkResult[T]:
    """Run ``work`` until one attempt commits. See the module docstring for the contract."""
    from google.api_core.exceptions import AlreadyExists, FailedPrecondition, NotFound

    conflicts = (AlreadyExists, FailedPrecondition, NotFound)
    for number in range(1, max_attempts + 1):
        timeout_within_deadline()  # no new attempt once the message's time budget is spent
        attempt = UnitOfWorkAttempt(client, marker, check_marker=True)
        value = work(attempt)
        try:
            attempt.commit()
        except conflicts:
            # A blind write learns about a duplicate from its marker's create precondition.
            if marker is not None and _marker_exists(client, marker):
                raise DuplicateEvent(marker.document_id) from None
            sleep(random.uniform(0.005, 0.02) * number)  # noqa: S311 - jitter, not crypto
            continue
        return UnitOfWorkResult(value=value, events=attempt.events, attempts=number)
    raise ConflictRetriesExhausted(f"write conflict on every one of {max_attempts} attempts")


def _marker_exists(client: Any, marker: ProcessedMarker) -> bool:
    FIRESTORE_RPCS.add(reads=1)
    ref = client.collection(PROCESSED_COLLECTION).document(marker.document_id)
    snapshot = call_within_budget(lambda options: ref.get(**options))
    return bool(snapshot.exists)
