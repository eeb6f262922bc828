"""Spans reach an OTLP receiver over HTTP/protobuf and gRPC, configured only by OpenTelemetry's
standard variables: the receivers here are real servers on the loopback that decode the export
requests with OpenTelemetry's own protobuf messages (no collector is installed on these machines)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import grpc
import pytest
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc

pytestmark = pytest.mark.integration

FUNCTIONS = Path(__file__).resolve().parents[3] / "functions"
TRACE_ID, PARENT_ID = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"

SCRIPT = textwrap.dedent(
    f"""
    from pipeline_kit.observability import tracing
    from pipeline_kit.observability.trace_context import MessageContext, TraceParent, enter_context
    enter_context(MessageContext("corr-1", "cause-1", TraceParent("{TRACE_ID}", "{PARENT_ID}", True)))
    with tracing.span("handle", kind="consumer", event_type="HourReserved"):
        with tracing.span("firestore commit"):
            pass
    """
)  # the SDK's exit hook flushes the batch before the process ends


class Received:
    def __init__(self) -> None:
        self.requests: list[trace_service_pb2.ExportTraceServiceRequest] = []
        self.paths: list[str] = []
        self.authorizations: list[str | None] = []
        self.lock = threading.Lock()

    def add(self, request: trace_service_pb2.ExportTraceServiceRequest, path: str, authorization: str | None) -> None:
        with self.lock:
            self.requests.append(request)
            self.paths.append(path)
            self.authorizations.append(authorization)

    def spans(self) -> dict[str, Any]:
        return {
            span.name: (span, resource_spans.resource)
            for request in self.requests
            for resource_spans in request.resource_spans
            for scope_spans in resource_spans.scope_spans
            for span in scope_spans.spans
        }


@pytest.fixture
def http_receiver() -> Iterator[tuple[str, Received]]:
    received = Received()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            request = trace_service_pb2.ExportTraceServiceRequest()
            request.ParseFromString(body)
            received.add(request, self.path, self.headers.get("Authorization"))
            answer = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def grpc_receiver() -> Iterator[tuple[str, Received]]:
    received = Received()

    class TraceService(trace_service_pb2_grpc.TraceServiceServicer):
        def Export(self, request: Any, context: Any) -> Any:  # noqa: N802 - the service's method name
            received.add(request, "grpc", None)
            return trace_service_pb2.ExportTraceServiceResponse()

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(TraceService(), server)  # type: ignore[no-untyped-call]
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield f"http://127.0.0.1:{port}", received
    finally:
        server.stop(grace=None)


def _run(variables: dict[str, str]) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OTEL_", "TRACE_EXPORTER"))}
    env.update({"PYTHONPATH": str(FUNCTIONS), "TRACE_EXPORTER_DEFER_SECONDS": "0", **variables})
    subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60, check=True)


def _assert_the_two_spans_arrived(received: Received, service_name: str) -> None:
    spans = received.spans()
    assert set(spans) == {"handle", "firestore commit"}
    handle, resource = spans["handle"]
    commit, _ = spans["firestore commit"]
    assert handle.trace_id.hex() == TRACE_ID == commit.trace_id.hex()
    assert handle.parent_span_id.hex() == PARENT_ID
    assert commit.parent_span_id == handle.span_id
    attributes = {item.key: item.value.string_value for item in handle.attributes}
    assert attributes == {"correlation_id": "corr-1", "event_type": "HourReserved"}
    resource_attributes = {item.key: item.value.string_value for item in resource.attributes}
    assert resource_attributes["service.name"] == service_name


def test_spans_reach_an_otlp_http_receiver(http_receiver: tuple[str, Received]) -> None:
    endpoint, received = http_receiver
    _run({"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint, "OTEL_SERVICE_NAME": "probe-http"})
    assert set(received.paths) == {"/v1/traces"}
    _assert_the_two_spans_arrived(received, "probe-http")


def test_spans_reach_an_otlp_grpc_receiver(grpc_receiver: tuple[str, Received]) -> None:
    endpoint, received = grpc_receiver
    _run(
        {
            "TRACE_EXPORTER": "otlp",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint,
            "OTEL_SERVICE_NAME": "probe-grpc",
        }
    )
    _assert_the_two_spans_arrived(received, "probe-grpc")


def test_google_credentials_sign_each_http_export(
    http_receiver: tuple[str, Received], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What Google's endpoint gets: the exports carry Application Default Credentials' token
    (here a fixed token stands in for ADC, and the receiver for telemetry.googleapis.com)."""
    import google.auth
    from google.oauth2.credentials import Credentials
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    from pipeline_kit.observability.otlp_span_exporter import GOOGLE_SCOPES, otlp_span_exporter
    from pipeline_kit.observability.tracing_settings import OtlpSettings

    asked: list[object] = []

    def application_default(scopes: object = None) -> tuple[Credentials, str]:
        asked.append(scopes)
        return Credentials(token="adc-token"), "proj"  # type: ignore[no-untyped-call]

    monkeypatch.setattr(google.auth, "default", application_default)
    endpoint, received = http_receiver
    exporter = otlp_span_exporter(OtlpSettings(f"{endpoint}/v1/traces", "http/protobuf", google_credentials=True))
    provider = TracerProvider(shutdown_on_exit=False)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    provider.get_tracer("test").start_span("signed").end()
    provider.shutdown()
    assert asked == [GOOGLE_SCOPES]
    assert received.authorizations == ["Bearer adc-token"]
    assert set(received.spans()) == {"signed"}
