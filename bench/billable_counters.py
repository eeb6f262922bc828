"""What Google bills, counted at the client libraries' generated layer in this process: Firestore
documents read, written and deleted (per commit write, per document a read returns) and Pub/Sub
messages and bytes published.

The kit's ``FIRESTORE_RPCS`` counts round trips (what latency depends on); Firestore bills
documents, and one commit of four writes is four billed writes. These counters wrap the generated
clients' methods (``FirestoreClient.commit``, ``batch_get_documents``, ``run_query``;
``PublisherClient.publish``) for the benchmark process only: ``install()`` once, before the
first client is used; nothing of the application changes.

Billing rules applied here (sources in docs/scale-and-cost.md): a document a read returns is one
read, a document asked for and not found is counted apart (``missing``) and billed as a read too,
a query that returns nothing bills one read; every write of a commit is one write, a delete one
delete; a document written with ``expire_at`` (the TTL field of the outbox and of the processed
markers) is deleted later by TTL, which bills one delete.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

TTL_FIELD = "expire_at"
TIMESTAMP_AND_ID_BYTES = 20 + 20  # Pub/Sub counts 20 bytes of publish time and the message id (~20 here)


@dataclass
class BillableCounts:
    documents_read: int = 0
    documents_missing: int = 0
    empty_queries: int = 0
    documents_written: int = 0
    documents_deleted: int = 0
    writes_by_collection: Counter[str] = field(default_factory=Counter)
    ttl_documents: set[str] = field(default_factory=set)
    messages_published: int = 0
    message_bytes: list[int] = field(default_factory=list)


class _Counters:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts = BillableCounts()

    def take(self) -> BillableCounts:
        """The counts since the last ``take`` (and start again from zero)."""
        with self.lock:
            counts, self.counts = self.counts, BillableCounts()
        return counts


COUNTERS = _Counters()
_installed = False


def install() -> None:
    """Wrap the generated Firestore and Pub/Sub client methods (idempotent)."""
    global _installed  # noqa: PLW0603 - patched once per process
    if _installed:
        return
    from google.cloud.firestore_v1.services.firestore.client import FirestoreClient
    from google.pubsub_v1.services.publisher.client import PublisherClient

    commit, batch_get, run_query = (
        FirestoreClient.commit,
        FirestoreClient.batch_get_documents,
        FirestoreClient.run_query,
    )
    publish = PublisherClient.publish

    def counted_commit(self: Any, *args: Any, **kwargs: Any) -> Any:
        _count_writes(_field(kwargs.get("request"), "writes"))
        return commit(self, *args, **kwargs)

    def counted_batch_get(self: Any, *args: Any, **kwargs: Any) -> Any:
        return _count_reads(batch_get(self, *args, **kwargs))

    def counted_run_query(self: Any, *args: Any, **kwargs: Any) -> Any:
        return _count_query(run_query(self, *args, **kwargs))

    def counted_publish(self: Any, *args: Any, **kwargs: Any) -> Any:
        request = kwargs.get("request")
        messages = _field(request, "messages") if request is not None else kwargs.get("messages", [])
        sizes = [_message_bytes(message) for message in messages or []]
        with COUNTERS.lock:
            COUNTERS.counts.messages_published += len(sizes)
            COUNTERS.counts.message_bytes.extend(sizes)
        return publish(self, *args, **kwargs)

    FirestoreClient.commit = counted_commit  # type: ignore[method-assign]
    FirestoreClient.batch_get_documents = counted_batch_get  # type: ignore[method-assign]
    FirestoreClient.run_query = counted_run_query  # type: ignore[method-assign]
    PublisherClient.publish = counted_publish  # type: ignore[method-assign]
    _installed = True


def _field(message: Any, name: str) -> Any:
    if message is None:
        return []
    if isinstance(message, dict):
        return message.get(name, [])
    return getattr(message, name)


def _raw(message: Any) -> Any:
    return getattr(message, "_pb", message)


def _collection(document_name: str) -> str:
    parts = document_name.split("/documents/", 1)[-1].split("/")
    return parts[-2] if len(parts) >= 2 else document_name


def _count_writes(writes: Iterable[Any]) -> None:
    with COUNTERS.lock:
        counts = COUNTERS.counts
        for write in writes:
            raw = _raw(write)
            kind = raw.WhichOneof("operation")
            if kind == "delete":
                counts.documents_deleted += 1
                continue
            name = raw.update.name if kind == "update" else raw.transform.document
            counts.documents_written += 1
            counts.writes_by_collection[_collection(name)] += 1
            if kind == "update" and TTL_FIELD in raw.update.fields:
                counts.ttl_documents.add(name)


def _count_reads(responses: Iterable[Any]) -> Iterator[Any]:
    for response in responses:
        raw = _raw(response)
        with COUNTERS.lock:
            if raw.HasField("found"):
                COUNTERS.counts.documents_read += 1
            elif raw.missing:
                COUNTERS.counts.documents_missing += 1
        yield response


def _count_query(responses: Iterable[Any]) -> Iterator[Any]:
    returned = 0
    for response in responses:
        if _raw(response).HasField("document"):
            returned += 1
        yield response
    with COUNTERS.lock:
        COUNTERS.counts.documents_read += returned
        COUNTERS.counts.empty_queries += 1 if returned == 0 else 0


def _message_bytes(message: Any) -> int:
    raw = _raw(message)
    if isinstance(raw, dict):
        data, attributes, key = raw.get("data", b""), raw.get("attributes", {}), raw.get("ordering_key", "")
    else:
        data, attributes, key = raw.data, dict(raw.attributes), raw.ordering_key
    attribute_bytes = sum(len(str(k).encode()) + len(str(v).encode()) for k, v in attributes.items())
    return len(data) + attribute_bytes + len(key.encode()) + TIMESTAMP_AND_ID_BYTES
