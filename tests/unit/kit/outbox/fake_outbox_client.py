"""A stand-in Firestore client for the outbox's mark-sent writes: batches of ``update`` that
commit all or nothing, like Firestore (``NotFound`` when one document is missing)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FakeReference:
    collection: str
    document_id: str


class FakeCollection:
    def __init__(self, name: str) -> None:
        self._name = name

    def document(self, document_id: str) -> FakeReference:
        return FakeReference(self._name, document_id)


class FakeBatch:
    def __init__(self, client: FakeOutboxClient) -> None:
        self._client = client
        self._updates: list[tuple[FakeReference, dict[str, Any]]] = []

    def update(self, reference: FakeReference, fields: dict[str, Any]) -> None:
        self._updates.append((reference, dict(fields)))

    def commit(self) -> None:
        self._client.apply([ref.document_id for ref, _ in self._updates], self._updates)


@dataclass
class FakeOutboxClient:
    """``documents`` holds what was marked; ``commits`` the ids of every successful commit and
    ``attempts`` those of every commit tried. ``missing`` ids fail their commit with NotFound;
    with ``unavailable`` every commit fails with ServiceUnavailable; ``gate``, when set, makes
    commits wait until it is set."""

    missing: set[str] = field(default_factory=set)
    unavailable: bool = False
    gate: threading.Event | None = None
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    commits: list[list[str]] = field(default_factory=list)
    attempts: list[list[str]] = field(default_factory=list)
    committed: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def batch(self) -> FakeBatch:
        return FakeBatch(self)

    def collection(self, name: str) -> FakeCollection:
        assert name == "outbox"
        return FakeCollection(name)

    def apply(self, ids: list[str], updates: list[tuple[FakeReference, dict[str, Any]]]) -> None:
        from google.api_core.exceptions import NotFound, ServiceUnavailable

        if self.gate is not None:
            self.gate.wait(10)
        with self._lock:
            self.attempts.append(ids)
            if self.unavailable:
                raise ServiceUnavailable("the emulator is down")  # type: ignore[no-untyped-call]
            gone = [event_id for event_id in ids if event_id in self.missing]
            if gone:
                raise NotFound(f"no entity to update: outbox/{gone[0]}")  # type: ignore[no-untyped-call]
            for reference, fields in updates:
                self.documents.setdefault(reference.document_id, {}).update(fields)
            self.commits.append(ids)
        self.committed.set()

    def all_ids_committed(self) -> list[str]:
        with self._lock:
            return [event_id for ids in self.commits for event_id in ids]
