"""One compact JSON line per finished span: the console exporter's format.

The SDK's own ``ReadableSpan.to_json`` serialises the resource through a JSON round trip
and pretty-prints every field; at a few spans per message that cost more CPU than the rest
of the kit. This line keeps what a reader of a trace needs — ids, parent, name, kind,
times, status and attributes — and the service name once per line.
"""

from __future__ import annotations

import json
from typing import Any


def span_json_line(span: Any) -> str:
    """``span`` is an OpenTelemetry SDK ``ReadableSpan``; times are Unix nanoseconds."""
    context = span.context
    parent = span.parent
    document: dict[str, Any] = {
        "span": span.name,
        "kind": span.kind.name,
        "trace_id": format(context.trace_id, "032x"),
        "span_id": format(context.span_id, "016x"),
        "parent_span_id": format(parent.span_id, "016x") if parent is not None else None,
        "start_ns": span.start_time,
        "end_ns": span.end_time,
        "status": span.status.status_code.name,
        "service": span.resource.attributes.get("service.name"),
        "attributes": dict(span.attributes or {}),
    }
    return json.dumps(document, separators=(",", ":"), default=str) + "\n"
