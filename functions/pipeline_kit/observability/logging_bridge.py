"""Python's standard ``logging`` in the kit's structured lines.

Libraries (the Google clients, gRPC, urllib3, gunicorn's propagating loggers...) warn through
``logging``; without a bridge those warnings reach stderr as bare text, with no trace and no
correlation id. ``install_logging_bridge`` puts one ``StructuredLogHandler`` on the root logger:
each record becomes a ``structured_log`` line (severity from the level, ``logger`` and the
message, the current message context's trace and labels when there is one), and a record logged
with an exception (``logger.exception``) carries its traceback in ``stack_trace``.

Contract: installed once per process (idempotent), at start; only records at or above
``level`` (default WARNING: library INFO chatter stays out) are written, and the root
logger's level is lowered to it only if it was higher. Cheap at import: ``logging`` is already
loaded by the web framework, nothing else is imported until a record is written.
"""

from __future__ import annotations

import logging
from typing import Any

from pipeline_kit.observability import structured_log

_SEVERITIES = (
    (logging.CRITICAL, "CRITICAL"),
    (logging.ERROR, "ERROR"),
    (logging.WARNING, "WARNING"),
    (logging.INFO, "INFO"),
)


def severity_of(levelno: int) -> str:
    for threshold, severity in _SEVERITIES:
        if levelno >= threshold:
            return severity
    return "DEBUG"


class StructuredLogHandler(logging.Handler):
    """Writes each record as one structured line (never through ``logging`` again: no loop)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fields: dict[str, Any] = {"logger": record.name}
            if record.exc_info and record.exc_info[1] is not None:
                fields["stack_trace"] = structured_log.format_stack_trace(record.exc_info[1])
                fields["error_type"] = type(record.exc_info[1]).__name__
            structured_log.log(severity_of(record.levelno), record.getMessage(), **fields)
        except Exception:  # logging must never break the caller
            self.handleError(record)


def install_logging_bridge(level: int = logging.WARNING) -> StructuredLogHandler:
    """The root logger's bridge handler, added on the first call (later calls return it)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, StructuredLogHandler):
            return handler
    handler = StructuredLogHandler(level)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return handler
