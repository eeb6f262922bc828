"""Publish committed outbox records and mark them sent.

Called right after the commit that stored them (the fast path) and by the sweeper for
anything left unsent (a crash or a publish failure between commit and publish). Publishing
is at-least-once: a record may be published twice (crash after publish, before marking);
consumers deduplicate by ``event_id``.

Marking sent is inline by default (one commit before ``relay`` returns: the sweeper and the
duplicate path rely on it). The fast path passes ``defer_marking=True``: the ids go to the
process-wide ``sent_marker`` and are marked a few milliseconds later, batched with other
requests' (see ``sent_marker`` for the failure handling and why a late mark is safe).
``OUTBOX_MARK_SENT=inline`` makes every call mark inline, whatever it asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pipeline_kit.outbox.mark_sent_commit import commit_marked_sent, in_commit_sized_chunks, sent_now
from pipeline_kit.outbox.outbox_record import OutboxRecord
from pipeline_kit.outbox.sent_marker import marking_is_deferred, sent_marker
from pipeline_kit.pubsub.publisher import publish

PublishFn = Callable[[str, bytes, Mapping[str, str], str], str]


def relay(
    client: Any,
    records: Sequence[OutboxRecord],
    publish_fn: PublishFn | None = None,
    *,
    defer_marking: bool = False,
) -> int:
    """Publish ``records`` in order, then mark them sent. Returns how many were published.

    Raises ``PublishFailed`` on the first record Pub/Sub refuses; the records published
    before it are still marked sent, the rest stay unsent for the sweeper. With
    ``defer_marking`` the marks are handed to the background ``sent_marker`` (never raises,
    costs no round trip here); without it they are committed before returning (one commit
    per 500 records; a failing commit raises).
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
            event_ids = [record.envelope.event_id for record in sent]
            if defer_marking and marking_is_deferred():
                sent_marker().defer(client, event_ids)  # sent_at: now, not when the mark lands
            else:
                mark_sent(client, event_ids)
    return len(sent)


def mark_sent(client: Any, event_ids: Sequence[str]) -> None:
    """Mark ``event_ids`` sent now: one commit (per 500), raises what the commit raises."""
    for chunk in in_commit_sized_chunks(sent_now(event_ids)):
        commit_marked_sent(client, chunk)
