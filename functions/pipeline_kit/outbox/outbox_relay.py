"""Publish committed outbox records and mark them sent.

Called right after the commit that stored them (the fast path) and by the sweeper for
anything left unsent (a crash or a publish failure between commit and publish). Publishing
is at-least-once: a record may be published twice (crash after publish, before marking);
consumers deduplicate by ``event_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from pipeline_kit.firestore.rpc_counter import FIRESTORE_RPCS
from pipeline_kit.outbox.outbox_record import OUTBOX_COLLECTION, OutboxRecord
from pipeline_kit.pubsub.publisher import publish

SENT_RETENTION = timedelta(days=7)
PublishFn = Callable[[str, bytes, Mapping[str, str], str], str]


def relay(client: Any, records: Sequence[OutboxRecord], publish_fn: PublishFn | None = None) -> int:
    """Publish ``records`` in order, then mark them sent in one commit. Returns how many were sent.

    Raises ``PublishFailed`` on the first record Pub/Sub refuses; the records published
    before it are still marked sent, the rest stay unsent for the sweeper.
    """
    send = publish_fn or publish
    sent: list[OutboxRecord] = []
    try:
        for record in records:
            send(
                record.topic,
                record.envelope.to_json_bytes(),
                record.envelope.attributes(),
                record.ordering_key,
            )
            sent.append(record)
    finally:
        if sent:
            mark_sent(client, [record.envelope.event_id for record in sent])
    return len(sent)


def mark_sent(client: Any, event_ids: Sequence[str]) -> None:
    now = datetime.now(UTC)
    batch = client.batch()
    for event_id in event_ids:
        batch.update(
            client.collection(OUTBOX_COLLECTION).document(event_id),
            {"sent": True, "sent_at": now, "expire_at": now + SENT_RETENTION},
        )
    FIRESTORE_RPCS.add(commits=1)
    batch.commit()
