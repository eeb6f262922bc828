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

    def create(self, reference: Any, document_data: dict[str, Any]) -> None:
        self.writes.append(("create", reference, document_data))

    def set(self, reference: Any, document_data: dict[str, Any]) -> None:
        self.writes.append(("set", reference, document_data))

    def update(self, reference: Any, field_updates: dict[str, Any], option: Any = None) -> None:
        self.writes.append(("update", reference, field_updates))

    def delete(self, reference: Any, option: Any = None) -> None:
        self.writes.append(("delete", reference, None))

    def commit(self, timeout: float | None = None, retry: Any = None) -> list[Any]:
        return []


class NoIoFirestoreClient:
    def collection(self, name: str) -> _Collection:
        return _Collection(name)

    def batch(self) -> _Batch:
        return _Batch()

    def write_option(self, **precondition: Any) -> Any:
        return precondition

    def get_all(self, refs: list[Any], timeout: float | None = None, retry: Any = None) -> list[Any]:
        return []
