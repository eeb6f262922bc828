"""The message context of an HTTP request: correlation id and W3C trace.

The correlation id comes from ``X-Correlation-Id`` when the caller sends a sane one (letters,
digits, ``-``, ``_``, ``.``, ``:``; at most 100 characters), else a new UUID. The trace comes from
``traceparent``, else Cloud Run's ``X-Cloud-Trace-Context``, else a new one.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from pipeline_kit.observability.trace_context import (
    MessageContext,
    TraceParent,
    enter_context,
    exit_context,
    new_span_id,
    new_trace_id,
    parse_cloud_trace_context,
    parse_traceparent,
)

CORRELATION_HEADER = "X-Correlation-Id"
_SANE_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,100}$")


def context_from_headers(headers: Mapping[str, str]) -> MessageContext:
    supplied = headers.get(CORRELATION_HEADER) or ""
    correlation_id = supplied if _SANE_ID.match(supplied) else str(uuid.uuid4())
    trace = (
        parse_traceparent(headers.get("traceparent"))
        or parse_cloud_trace_context(headers.get("X-Cloud-Trace-Context"))
        or TraceParent(new_trace_id(), new_span_id(), True)
    )
    return MessageContext(correlation_id=correlation_id, causation_id=f"request:{correlation_id}", trace=trace)


@contextmanager
def http_request_context(headers: Mapping[str, str]) -> Iterator[MessageContext]:
    context = context_from_headers(headers)
    token = enter_context(context)
    try:
        yield context
    finally:
        exit_context(token)
