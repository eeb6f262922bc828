"""Cloud Logging structured JSON lines on stdout.

Each line carries ``severity``, ``message``, ``time``, the trace fields Cloud Logging joins
on (``logging.googleapis.com/trace`` as ``projects/P/traces/T``, ``.../spanId``,
``.../trace_sampled``) and ``logging.googleapis.com/labels`` with the message context's labels
(correlation_id, event_id, event_type, message_id, subscription, delivery_attempt, outcome...).
Other fields passed to ``log`` go in the JSON payload as they are.

``exception`` writes an unexpected error once, at ERROR, with its formatted traceback in
``stack_trace``: the JSON field Error Reporting reads first (Google's "format a log entry to
report error events"), so the error is grouped there with the line's trace and labels.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from datetime import UTC, datetime
from typing import Any, TextIO

from pipeline_kit.observability.trace_context import current_context

_LEVELS = {"DEBUG": 10, "INFO": 20, "NOTICE": 25, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}
_write_lock = threading.Lock()
_configured: tuple[int, str] | None = None


def configure(level: str, project: str) -> None:
    """Log at ``level`` and above (a name such as ``INFO``; unknown: INFO) with trace fields in
    ``project`` (``local`` off Google Cloud). The composition root calls it once at start from
    its settings; a process that never calls it (the ops CLI, a test, the kit's example app)
    reads ``LOG_LEVEL`` and ``GOOGLE_CLOUD_PROJECT`` from its environment on every line."""
    global _configured  # noqa: PLW0603 - set once by the composition root
    _configured = (_LEVELS.get(level.upper(), 20), project)


def _threshold() -> int:
    if _configured is not None:
        return _configured[0]
    return _LEVELS.get(os.environ.get("LOG_LEVEL", "INFO").upper(), 20)


def _project() -> str:
    if _configured is not None:
        return _configured[1]
    return os.environ.get("GOOGLE_CLOUD_PROJECT", "local")


def log(severity: str, message: str, *, stream: TextIO | None = None, **fields: Any) -> None:
    """Write one structured line if ``severity`` is at or above LOG_LEVEL (default INFO)."""
    if _LEVELS.get(severity, 20) < _threshold():
        return
    entry: dict[str, Any] = {
        "severity": severity,
        "message": message,
        "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }
    context = current_context()
    labels: dict[str, str] = {}
    if context is not None:
        entry["logging.googleapis.com/trace"] = f"projects/{_project()}/traces/{context.trace.trace_id}"
        entry["logging.googleapis.com/spanId"] = context.trace.span_id
        entry["logging.googleapis.com/trace_sampled"] = context.trace.sampled
        labels["correlation_id"] = context.correlation_id
        labels.update(dict(context.labels))
    extra_labels = fields.pop("labels", None)
    if isinstance(extra_labels, dict):
        labels.update({k: str(v) for k, v in extra_labels.items() if v is not None})
    if labels:
        entry["logging.googleapis.com/labels"] = labels
    entry.update(fields)
    line = json.dumps(entry, default=str, separators=(",", ":"))
    with _write_lock:
        out = stream or sys.stdout
        out.write(line + "\n")
        out.flush()


def debug(message: str, **fields: Any) -> None:
    log("DEBUG", message, **fields)


def info(message: str, **fields: Any) -> None:
    log("INFO", message, **fields)


def warning(message: str, **fields: Any) -> None:
    log("WARNING", message, **fields)


def error(message: str, **fields: Any) -> None:
    log("ERROR", message, **fields)


def exception(message: str, error: BaseException, **fields: Any) -> None:
    """One ERROR line for an unexpected ``error``, its traceback in ``stack_trace``."""
    log("ERROR", message, stack_trace=format_stack_trace(error), error_type=type(error).__name__, **fields)


def format_stack_trace(error: BaseException) -> str:
    """Python's own traceback text (``Traceback (most recent call last): ...``), as Error Reporting parses it."""
    import traceback

    return "".join(traceback.format_exception(error)).rstrip()
