"""The journey of one correlation id, from what the pipeline stored: the outbox (each event,
when it was committed and published) and the processed markers (which consumer applied it
and when). Works against the emulators and against a real project alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Hop:
    at: datetime
    kind: str  # "outbox", "published", "processed"
    event_type: str
    event_id: str
    detail: str


def journey(client: Any, correlation_id: str) -> list[Hop]:
    from google.cloud.firestore_v1.base_query import FieldFilter

    hops: list[Hop] = []
    outbox = client.collection("outbox").where(filter=FieldFilter("correlation_id", "==", correlation_id))
    for snapshot in outbox.stream():
        record = snapshot.to_dict()
        hops.append(
            Hop(
                record["created_at"],
                "outbox",
                record["event_type"],
                record["event_id"],
                f"committed → {record['topic']}",
            )
        )
        if record.get("sent_at") is not None:
            hops.append(
                Hop(
                    record["sent_at"],
                    "published",
                    record["event_type"],
                    record["event_id"],
                    "Pub/Sub accepted",
                )
            )
    markers = client.collection("processed_events").where(filter=FieldFilter("correlation_id", "==", correlation_id))
    for snapshot in markers.stream():
        marker = snapshot.to_dict()
        hops.append(
            Hop(
                marker["processed_at"],
                "processed",
                marker.get("event_type", ""),
                marker["event_id"],
                f"applied by {marker['consumer']}",
            )
        )
    return sorted(hops, key=lambda hop: (hop.at, ("outbox", "published", "processed").index(hop.kind)))


def format_journey(correlation_id: str, hops: list[Hop]) -> str:
    if not hops:
        return f"correlation {correlation_id}: nothing stored"
    start = hops[0].at
    lines = [f"correlation {correlation_id}:"]
    for hop in hops:
        offset = (hop.at - start).total_seconds() * 1000
        lines.append(f"  +{offset:7.0f} ms  {hop.kind:<9} {hop.event_type:<28} {hop.detail}  [{hop.event_id[:8]}]")
    return "\n".join(lines)
