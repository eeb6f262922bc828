"""The write that marks outbox records sent: one batch commit of ``update``s.

Each record gets ``sent`` (the sweeper's query skips it from then on), ``sent_at`` (when Pub/Sub
accepted it: the caller's time, which may be earlier than the commit when marking is deferred;
the trace tools read it as the "published" hop) and ``expire_at`` (a Firestore TTL policy removes
sent records ``SENT_RETENTION`` after ``sent_at``). A commit
holds at most ``MAX_WRITES_PER_COMMIT`` writes (Firestore's limit); callers split larger sets.
``update`` requires the document to exist: one missing record fails the whole commit with
``google.api_core.exceptions.NotFound`` and nothing in it is marked. Inside a push delivery (the
duplicate path marks inline) the commit is bounded by the delivery's remaining budget; the
background marker has no deadline and keeps the client library's retry and timeout.

Every commit is counted in ``FIRESTORE_RPCS`` (all of the kit's round trips) and in
``MARK_SENT_RPCS`` (only these commits; the benchmarks report them per event).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from pipeline_kit.deadline.budgeted_call import call_within_budget
from pipeline_kit.firestore_writes.write_pbs import add_update
from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS, RpcCounter
from pipeline_kit.outbox.outbox_record import OUTBOX_COLLECTION

SENT_RETENTION = timedelta(days=7)
MAX_WRITES_PER_COMMIT = 500
MARK_SENT_RPCS = RpcCounter()


def commit_marked_sent(client: Any, sent_at: Mapping[str, datetime]) -> None:
    """Mark each event id of ``sent_at`` sent at its time, in one commit (all or nothing);
    raises what the commit raises."""
    if not sent_at:
        return
    if len(sent_at) > MAX_WRITES_PER_COMMIT:
        raise ValueError(f"{len(sent_at)} writes in one commit, Firestore allows {MAX_WRITES_PER_COMMIT}")
    batch = client.batch()
    outbox = client.collection(OUTBOX_COLLECTION)
    for event_id, at in sent_at.items():
        add_update(batch, outbox.document(event_id), {"sent": True, "sent_at": at, "expire_at": at + SENT_RETENTION})
    FIRESTORE_RPCS.add(commits=1)
    MARK_SENT_RPCS.add(commits=1)
    call_within_budget(lambda options: batch.commit(**options))


def in_commit_sized_chunks(
    sent_at: Mapping[str, datetime], size: int = MAX_WRITES_PER_COMMIT
) -> list[dict[str, datetime]]:
    """``sent_at`` cut into runs of at most ``size`` ids, in order."""
    items: Sequence[tuple[str, datetime]] = list(sent_at.items())
    return [dict(items[i : i + size]) for i in range(0, len(items), size)]


def sent_now(event_ids: Sequence[str]) -> dict[str, datetime]:
    """``event_ids`` each with the current time (UTC)."""
    now = datetime.now(UTC)
    return dict.fromkeys(event_ids, now)
