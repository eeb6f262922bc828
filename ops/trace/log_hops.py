"""Hops from the functions' structured log (JSON lines, as the kit writes them on stdout; the
local stack keeps them in ``.local/logs/stack-*/functions.log``).

A line belongs to the journey when ``logging.googleapis.com/labels.correlation_id`` matches.
A line with a ``consumer`` label is a delivery to that consumer (outcome, duration, delivery
attempt); other lines are the HTTP side. Lines that are not JSON are skipped.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from ops.trace.trace_hop import TraceHop

LABELS = "logging.googleapis.com/labels"


def log_hops(path: Path, correlation_id: str) -> list[TraceHop]:
    hops = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            entry = _json_object(line)
            if entry is None:
                continue
            labels = entry.get(LABELS)
            if not isinstance(labels, dict) or labels.get("correlation_id") != correlation_id:
                continue
            hop = _hop(entry, labels)
            if hop is not None:
                hops.append(hop)
    return hops


def _hop(entry: dict[str, Any], labels: dict[str, Any]) -> TraceHop | None:
    try:
        at = datetime.fromisoformat(str(entry["time"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return None
    consumer = str(labels.get("consumer", ""))
    duration = entry.get("duration_ms")
    return TraceHop(
        at=at,
        kind="delivered" if consumer else "http",
        where=consumer or "api",
        event_type=str(labels.get("event_type", "")),
        event_id=str(labels.get("event_id", "")),
        outcome=str(entry.get("outcome") or labels.get("outcome") or ""),
        duration_ms=float(duration) if isinstance(duration, int | float) else None,
        attempt=str(labels.get("delivery_attempt") or entry.get("attempts") or ""),
        detail=str(entry.get("message", ""))[:200],
    )


def _json_object(line: str) -> dict[str, Any] | None:
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
