"""The Cloud Logging filter that finds one journey's lines, and those entries in the kit's shape.

The kit's structured lines reach Cloud Logging with ``logging.googleapis.com/labels`` moved to
``LogEntry.labels``, the other JSON fields in ``jsonPayload``, ``time`` as ``timestamp``. So the
filter is the correlation id label on the Cloud Run services' logs, bounded in time (a query
without a time bound scans the whole retention). ``ops trace --show-query`` prints it; paste it
in the Logs Explorer to see the same lines.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ops.trace.log_hops import LABELS


def quoted(value: str) -> str:
    """A Logging query string literal (backslash and double quote escaped)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def journey_filter(correlation_id: str, since: datetime) -> str:
    """``since`` must be timezone-aware."""
    stamp = since.isoformat().replace("+00:00", "Z")
    return "\n".join(
        [
            'resource.type="cloud_run_revision"',
            f"labels.correlation_id={quoted(correlation_id)}",
            f'timestamp>="{stamp}"',
        ]
    )


def kit_line(entry: dict[str, Any]) -> dict[str, Any]:
    """A Cloud Logging ``LogEntry`` (REST JSON) as the line the kit wrote on stdout."""
    payload = entry.get("jsonPayload")
    line: dict[str, Any] = dict(payload) if isinstance(payload, dict) else {"message": entry.get("textPayload", "")}
    line["time"] = entry.get("timestamp", line.get("time"))
    line["severity"] = entry.get("severity", line.get("severity"))
    labels = entry.get("labels")
    if isinstance(labels, dict):
        line[LABELS] = labels
    return line
