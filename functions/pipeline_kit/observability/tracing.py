"""OpenTelemetry spans around each hop (HTTP server, handler, Firestore commit, publish).

The exporter is chosen by ``configure`` (the composition root, from its settings: see
``tracing_settings.py`` for ``TRACE_EXPORTER`` / ``OTEL_TRACES_EXPORTER`` and the OTLP variables):
- ``none`` (default): no OpenTelemetry SDK or exporter is imported (cold start); hops still
  get fresh span ids in the message context so log lines stay tied to the trace;
- ``console``: spans printed by the SDK's console exporter, one compact JSON line each
  (``span_json.py``), batched;
- ``otlp``: OTLP over HTTP/protobuf or gRPC (``otlp_span_exporter.py``; Google's
  ``telemetry.googleapis.com`` with Application Default Credentials), batched;
- ``gcp``: Cloud Trace (``opentelemetry-exporter-gcp-trace``), batched;
(exporting exporters start a moment after the first span, off the cold-start path: see
``_get_tracer``);
- ``memory``: kept in memory (tests read ``finished_spans()``).
The parent of every span is the W3C ``traceparent`` that arrived with the request or message.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from pipeline_kit.observability.trace_context import (
    MessageContext,
    TraceParent,
    current_context,
    enter_context,
    exit_context,
    new_span_id,
)
from pipeline_kit.observability.tracing_settings import EXPORTERS, OtlpSettings, TracingSettings

_lock = threading.Lock()
_configured = False
_tracer: Any = None
_memory_exporter: Any = None


_settings: TracingSettings | None = None


_NO_OTLP = OtlpSettings()


def configure(exporter: str, service_name: str, defer_seconds: float, *, otlp: OtlpSettings = _NO_OTLP) -> None:
    """Use ``exporter`` (``none``, ``console``, ``otlp``, ``gcp``, ``memory``) for spans of
    ``service_name``, an exporting one starting ``defer_seconds`` after the first span; ``otlp``
    says where the ``otlp`` exporter sends. The composition root calls it once at start from its
    settings (``TracingSettings.from_environ``), before any span; a process that never calls it
    parses its own environment the same way (service name: ``K_SERVICE``, ``FUNCTION_TARGET``)."""
    global _settings  # noqa: PLW0603 - set once by the composition root
    _settings = TracingSettings(exporter.strip().lower() or "none", service_name, max(0.0, defer_seconds), otlp)


def _current() -> TracingSettings:
    global _settings  # noqa: PLW0603 - parsed once when the composition root did not configure
    if _settings is None:
        default_name = os.environ.get("K_SERVICE") or os.environ.get("FUNCTION_TARGET") or "wild-workouts"
        project = os.environ.get("GOOGLE_CLOUD_PROJECT") or None
        _settings = TracingSettings.from_environ(os.environ, default_service_name=default_name, project_id=project)
    return _settings


def exporter_name() -> str:
    return _current().exporter


_deferred_started = False
_EXPORTING = ("console", "otlp", "gcp")


def _defer_seconds() -> float:
    return _current().defer_seconds


def _get_tracer() -> Any:
    """The SDK tracer, or None while there is none (``none``, or an exporter still starting).

    Exporting exporters (``console``, ``gcp``) are set up in a background thread a moment after
    the first span (``TRACE_EXPORTER_DEFER_SECONDS``, default 1 s; 0 = at once): loading the
    OpenTelemetry SDK and an exporter would otherwise land on the first request of a cold
    instance. Until then hops get fresh span ids in the message context only (logs stay tied to
    the trace; those spans are not exported).
    """
    global _deferred_started  # noqa: PLW0603 - set once per process
    if _configured:
        return _tracer
    name = exporter_name()
    if name in _EXPORTING and _defer_seconds() > 0:
        with _lock:
            if not _deferred_started:
                _deferred_started = True
                timer = threading.Timer(_defer_seconds(), _configure, args=(name,))
                timer.daemon = True
                timer.start()
        return None
    return _configure(name)


def _configure(name: str) -> Any:
    global _configured, _tracer, _memory_exporter  # noqa: PLW0603 - configured once per process
    with _lock:
        if _configured:
            return _tracer
        if name != "none":
            from opentelemetry.sdk.resources import Resource
            from opentelemetry.sdk.trace import TracerProvider
            from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

            settings = _current()
            attributes = {"service.name": settings.service_name}
            if name == "otlp" and settings.otlp.gcp_project_id:
                attributes["gcp.project_id"] = settings.otlp.gcp_project_id
            provider = TracerProvider(resource=Resource.create(attributes))
            if name == "console":
                from opentelemetry.sdk.trace.export import ConsoleSpanExporter

                from pipeline_kit.observability.span_json import span_json_line

                exporter = ConsoleSpanExporter(formatter=span_json_line)
                # small, frequent batches: a large burst would hold the GIL and show up as tail latency
                provider.add_span_processor(
                    BatchSpanProcessor(exporter, schedule_delay_millis=200, max_export_batch_size=64)
                )
            elif name == "memory":
                from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
                    InMemorySpanExporter,
                )

                _memory_exporter = InMemorySpanExporter()
                provider.add_span_processor(SimpleSpanProcessor(_memory_exporter))
            elif name == "otlp":
                from pipeline_kit.observability.otlp_span_exporter import otlp_span_exporter

                provider.add_span_processor(BatchSpanProcessor(otlp_span_exporter(settings.otlp)))
            elif name == "gcp":
                from opentelemetry.exporter.cloud_trace import CloudTraceSpanExporter

                provider.add_span_processor(BatchSpanProcessor(CloudTraceSpanExporter()))  # type: ignore[no-untyped-call]
            else:
                raise ValueError(f"TRACE_EXPORTER must be one of {', '.join(EXPORTERS)}, got {name!r}")
            _tracer = provider.get_tracer("pipeline_kit")
        _configured = True
        return _tracer


def finished_spans() -> list[Any]:
    """Spans recorded with TRACE_EXPORTER=memory (empty otherwise)."""
    return list(_memory_exporter.get_finished_spans()) if _memory_exporter is not None else []


@contextmanager
def span(name: str, kind: str = "internal", **attributes: str | int | bool) -> Iterator[None]:
    """A child span of the current message context; the context's span id follows it."""
    context = current_context()
    if context is None:
        yield
        return
    tracer = _get_tracer()
    if tracer is None:
        token = enter_context(replace(context, trace=replace(context.trace, span_id=new_span_id())))
        try:
            yield
        finally:
            exit_context(token)
        return
    # The parent comes from the message context (not OpenTelemetry's own current-span context,
    # which the kit does not use): start and end the span directly, without attaching it.
    from opentelemetry.trace import NonRecordingSpan, SpanContext, SpanKind, TraceFlags, set_span_in_context

    parent = SpanContext(
        trace_id=int(context.trace.trace_id, 16),
        span_id=int(context.trace.span_id, 16),
        is_remote=True,
        trace_flags=TraceFlags(TraceFlags.SAMPLED if context.trace.sampled else TraceFlags.DEFAULT),
    )
    kinds = {
        "server": SpanKind.SERVER,
        "producer": SpanKind.PRODUCER,
        "consumer": SpanKind.CONSUMER,
    }
    current = tracer.start_span(
        name,
        context=set_span_in_context(NonRecordingSpan(parent)),
        kind=kinds.get(kind, SpanKind.INTERNAL),
        attributes={"correlation_id": context.correlation_id, **attributes},
    )
    token = enter_context(_with_span(context, format(current.get_span_context().span_id, "016x")))
    try:
        yield
    except BaseException as error:
        current.record_exception(error)
        from opentelemetry.trace import Status, StatusCode

        current.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"[:200]))
        raise
    finally:
        exit_context(token)
        current.end()


def _with_span(context: MessageContext, span_id: str) -> MessageContext:
    return replace(context, trace=TraceParent(context.trace.trace_id, span_id, context.trace.sampled))
