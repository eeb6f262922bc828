"""Hops from the functions' structured log: JSON lines as the kit writes them on stdout (the local
stack keeps them in ``.local/logs/stack-*/functions.log``), or Cloud Logging entries turned into
the same shape (``cloud_log_entries``).

A line belongs to the journey when ``logging.googleapis.com/labels.correlation_id`` matches. By
what the kit writes:
- a ``consumer`` label is one delivery to that consumer (outcome, duration, delivery attempt):
  ``parked`` (the reason in ``detail``), ``redriven`` when the copy carries ``redrive_count``
  (``dlq redrive``), else ``delivered``;
- ``outcome: command_committed`` is the API command that started (or continued) the journey;
- other lines are the HTTP side (``http``).
Lines that are not JSON objects are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from ops.trace.trace_hop import TraceHop

LABELS = "logging.googleapis.com/labels"


def log_hops(path: Path, correlation_id: str) -> list[TraceHop]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        return entry_hops((entry for entry in map(_json_object, lines) if entry is not None), correlation_id)


def entry_hops(entries: Iterable[dict[str, Any]], correlation_id: str) -> list[TraceHop]:
    hops = []
    for entry in entries:
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
    outcome = str(entry.get("outcome") or labels.get("outcome") or "")
    duration = entry.get("duration_ms")
    if consumer:
        kind = "parked" if outcome == "parked" else "redriven" if labels.get("redrive_count") else "delivered"
    else:
        kind = "command" if outcome == "command_committed" else "http"
    return TraceHop(
        at=at,
        kind=kind,
        where=consumer or "api",
        event_type=str(labels.get("event_type", "")),
        event_id=str(labels.get("event_id", "")),
        outcome=outcome,
        duration_ms=float(duration) if isinstance(duration, int | float) else None,
        # Pub/Sub's delivery attempt (sent only to subscriptions with a dead-letter policy; the
        # emulator never sends it); the line's ``attempts`` field is the commit attempts, not this
        attempt=str(labels.get("delivery_attempt") or ""),
        detail=str(entry.get("detail") or entry.get("message") or "")[:200],
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
