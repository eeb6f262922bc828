"""Reading outbox records that were committed but not yet published, in publishing order.

Order is (created_at, sequence): the events of one commit share ``created_at`` and keep the
order they were raised in, so events of one aggregate are republished in order.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pipeline_kit.deadline.budgeted_call import call_within_budget
from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS
from pipeline_kit.outbox.outbox_record import OUTBOX_COLLECTION, OutboxRecord


def unsent_older_than(client: Any, cutoff: datetime, limit: int) -> list[OutboxRecord]:
    """The oldest unsent records created at or before ``cutoff`` (the sweeper's work)."""
    from google.cloud.firestore_v1.base_query import FieldFilter

    query = (
        client.collection(OUTBOX_COLLECTION)
        .where(filter=FieldFilter("sent", "==", False))
        .where(filter=FieldFilter("created_at", "<=", cutoff))
        .order_by("created_at")
        .limit(limit)
    )
    return _in_publishing_order(query)


def unsent_caused_by(client: Any, event_id: str) -> list[OutboxRecord]:
    """The unsent records raised while handling ``event_id`` (a publish failed after the commit)."""
    from google.cloud.firestore_v1.base_query import FieldFilter

    query = (
        client.collection(OUTBOX_COLLECTION)
        .where(filter=FieldFilter("causation_id", "==", event_id))
        .where(filter=FieldFilter("sent", "==", False))
    )
    return _in_publishing_order(query)


def _in_publishing_order(query: Any) -> list[OutboxRecord]:
    """Inside a push delivery (the duplicate path) the query is bounded by its remaining budget."""
    FIRESTORE_RPCS.add(queries=1)
    documents = call_within_budget(lambda options: [snapshot.to_dict() for snapshot in query.stream(**options)])
    return sorted(
        (OutboxRecord.from_document(document) for document in documents),
        key=lambda record: (record.created_at, record.sequence),
    )
