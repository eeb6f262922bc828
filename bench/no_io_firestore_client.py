"""A stand-in Firestore client that does no I/O: references know their paths, a batch commit
accepts its writes and returns. The kit still builds the commit's write protobufs."""

from __future__ import annotations

from typing import Any


class _DocumentReference:
    def __init__(self, path: str) -> None:
        self.path = path
        self._document_path = f"projects/bench/databases/(default)/documents/{path}"


class _Collection:
    def __init__(self, name: str) -> None:
        self._name = name

    def document(self, document_id: str) -> _DocumentReference:
        return _DocumentReference(f"{self._name}/{document_id}")


class _Batch:
    def __init__(self) -> None:
        self.writes: list[Any] = []

    def _add_write_pbs(self, write_pbs: list[Any]) -> None:
        self.writes.extend(write_pbs)

    def commit(self) -> list[Any]:
        return []


class NoIoFirestoreClient:
    def collection(self, name: str) -> _Collection:
        return _Collection(name)

    def batch(self) -> _Batch:
        return _Batch()

    def get_all(self, refs: list[Any]) -> list[Any]:
        return []
