"""Hops from Firestore: the outbox (committed → topic, published) and the processed markers
(applied by a consumer). Works on the emulator (``FIRESTORE_EMULATOR_HOST``) and on Google Cloud.
Sent outbox records and markers expire by TTL (days), so old journeys fade from here."""

from __future__ import annotations

from typing import Any

from ops.demo.journey import journey
from ops.trace.trace_hop import TraceHop

_KINDS = {"outbox": "committed", "published": "published", "processed": "applied"}


def stored_hops(client: Any, correlation_id: str) -> list[TraceHop]:
    hops = []
    found = journey(client, correlation_id)
    topics = {hop.event_id: hop.detail.removeprefix("committed → ") for hop in found if hop.kind == "outbox"}
    for hop in found:
        where = topics.get(hop.event_id, "") if hop.kind != "processed" else hop.detail.removeprefix("applied by ")
        hops.append(
            TraceHop(
                at=hop.at,
                kind=_KINDS.get(hop.kind, hop.kind),
                where=where,
                event_type=hop.event_type,
                event_id=hop.event_id,
                detail=hop.detail,
            )
        )
    return hops
