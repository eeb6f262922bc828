"""W3C ``traceparent`` parsing and creation, and the per-request message context.

The context (correlation id, causation id, trace) lives in a ``ContextVar`` so that events
raised while handling a request or a message inherit the correlation id and trace, and name
the request or event that caused them.
"""

from __future__ import annotations

import os
import re
from contextvars import ContextVar, Token
from dataclasses import dataclass, replace

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


@dataclass(frozen=True, slots=True)
class TraceParent:
    trace_id: str
    span_id: str
    sampled: bool

    def header(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-{'01' if self.sampled else '00'}"

    def child(self) -> TraceParent:
        return replace(self, span_id=new_span_id())


def new_trace_id() -> str:
    return os.urandom(16).hex()


def new_span_id() -> str:
    return os.urandom(8).hex()


def parse_traceparent(value: str | None) -> TraceParent | None:
    """A valid version-00 traceparent, or None (invalid ones are ignored, per the W3C spec)."""
    if not value:
        return None
    match = _TRACEPARENT.match(value.strip().lower())
    if match is None:
        return None
    trace_id, span_id, flags = match.groups()
    if trace_id == "0" * 32 or span_id == "0" * 16:
        return None
    return TraceParent(trace_id, span_id, bool(int(flags, 16) & 1))


def parse_cloud_trace_context(value: str | None) -> TraceParent | None:
    """``X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1`` (decimal span id) as a TraceParent."""
    if not value:
        return None
    match = re.match(r"^([0-9a-fA-F]{32})/(\d{1,20})(?:;o=([01]))?$", value.strip())
    if match is None:
        return None
    trace_id, span_decimal, sampled = match.groups()
    span_int = int(span_decimal)
    if span_int == 0 or span_int >= 2**64:
        return None
    return TraceParent(trace_id.lower(), f"{span_int:016x}", sampled == "1")


@dataclass(frozen=True, slots=True)
class MessageContext:
    """What flows from a request or message to the events it raises and to every log line."""

    correlation_id: str
    causation_id: str
    trace: TraceParent
    labels: tuple[tuple[str, str], ...] = ()

    def with_labels(self, **labels: str | int | None) -> MessageContext:
        merged = dict(self.labels)
        merged.update({k: str(v) for k, v in labels.items() if v is not None})
        return replace(self, labels=tuple(merged.items()))


_current: ContextVar[MessageContext | None] = ContextVar("pipeline_kit_message_context", default=None)


def current_context() -> MessageContext | None:
    return _current.get()


def enter_context(context: MessageContext) -> Token[MessageContext | None]:
    return _current.set(context)


def exit_context(token: Token[MessageContext | None]) -> None:
    _current.reset(token)
