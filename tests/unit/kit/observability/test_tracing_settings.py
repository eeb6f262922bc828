"""TracingSettings.from_environ: OpenTelemetry's standard variables next to TRACE_EXPORTER, each
precedence rule, the OTLP endpoint and protocol, and Google's endpoint turning credentials on."""

from __future__ import annotations

import pytest

from pipeline_kit.observability.tracing_settings import InvalidTracingSetting, OtlpSettings, TracingSettings

pytestmark = pytest.mark.unit


ENDPOINT, TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
PROTOCOL, TRACES_PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"


def parse(**environ: str) -> TracingSettings:
    return TracingSettings.from_environ(environ, default_service_name="svc", project_id="proj")


def test_nothing_set_exports_nothing_and_names_the_default_service() -> None:
    assert parse() == TracingSettings(
        "none", "svc", 1.0, OtlpSettings("http://localhost:4318/v1/traces", "http/protobuf")
    )


@pytest.mark.parametrize(
    ("environ", "exporter"),
    [
        ({"OTEL_TRACES_EXPORTER": "otlp"}, "otlp"),
        ({"OTEL_TRACES_EXPORTER": " Console "}, "console"),
        ({"OTEL_TRACES_EXPORTER": "none"}, "none"),
        ({"OTEL_TRACES_EXPORTER": "gcp"}, "gcp"),
        ({"TRACE_EXPORTER": "otlp"}, "otlp"),
        ({"TRACE_EXPORTER": "gcp", "OTEL_TRACES_EXPORTER": "otlp"}, "otlp"),
        ({"TRACE_EXPORTER": "console", "OTEL_TRACES_EXPORTER": "none"}, "none"),
        ({"TRACE_EXPORTER": "console", "OTEL_TRACES_EXPORTER": "  "}, "console"),
    ],
)
def test_otel_traces_exporter_wins_over_trace_exporter(environ: dict[str, str], exporter: str) -> None:
    assert parse(**environ).exporter == exporter


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"OTEL_TRACES_EXPORTER": "zipkin"}, "OTEL_TRACES_EXPORTER"),
        ({"OTEL_TRACES_EXPORTER": "otlp,console"}, "OTEL_TRACES_EXPORTER"),
        ({"TRACE_EXPORTER": "jaeger"}, "TRACE_EXPORTER"),
        ({"TRACE_EXPORTER": "gcp", "OTEL_TRACES_EXPORTER": "jaeger"}, "OTEL_TRACES_EXPORTER"),
        ({PROTOCOL: "http/json"}, PROTOCOL),
        ({TRACES_PROTOCOL: "udp", PROTOCOL: "grpc"}, TRACES_PROTOCOL),
    ],
)  # fmt: skip
def test_an_unsupported_value_is_refused_naming_its_variable(environ: dict[str, str], variable: str) -> None:
    with pytest.raises(InvalidTracingSetting, match=variable) as refused:
        parse(**environ)
    assert refused.value.variable == variable


def test_otel_service_name_wins_over_the_default() -> None:
    assert parse(OTEL_SERVICE_NAME=" trainer-calendar ").service_name == "trainer-calendar"
    assert parse(OTEL_SERVICE_NAME="").service_name == "svc"


@pytest.mark.parametrize(
    ("environ", "endpoint", "protocol"),
    [
        ({}, "http://localhost:4318/v1/traces", "http/protobuf"),
        ({PROTOCOL: "grpc"}, "http://localhost:4317", "grpc"),
        ({ENDPOINT: "http://collector:4318"}, "http://collector:4318/v1/traces", "http/protobuf"),
        ({ENDPOINT: "http://collector:4318/"}, "http://collector:4318/v1/traces", "http/protobuf"),
        ({ENDPOINT: "http://collector:4317", PROTOCOL: "grpc"}, "http://collector:4317", "grpc"),
        ({TRACES_ENDPOINT: "http://c/custom", ENDPOINT: "http://other"}, "http://c/custom", "http/protobuf"),
        ({TRACES_PROTOCOL: "grpc", PROTOCOL: "http/protobuf"}, "http://localhost:4317", "grpc"),
    ],
)  # fmt: skip
def test_the_otlp_endpoint_and_protocol_follow_the_specification(
    environ: dict[str, str], endpoint: str, protocol: str
) -> None:
    otlp = parse(**environ).otlp
    assert (otlp.endpoint, otlp.protocol, otlp.google_credentials) == (endpoint, protocol, False)


@pytest.mark.parametrize(
    "environ",
    [
        {ENDPOINT: "https://telemetry.googleapis.com"},
        {TRACES_ENDPOINT: "https://telemetry.googleapis.com:443/v1/traces"},
        {ENDPOINT: "https://telemetry.googleapis.com:443", PROTOCOL: "grpc"},
    ],
)
def test_googles_endpoint_turns_on_google_credentials_and_the_project_attribute(environ: dict[str, str]) -> None:
    otlp = parse(**environ).otlp
    assert (otlp.google_credentials, otlp.gcp_project_id) == (True, "proj")
    assert otlp.endpoint.startswith("https://telemetry.googleapis.com")


def test_a_project_named_in_the_resource_attributes_is_left_to_the_sdk() -> None:
    otlp = parse(
        OTEL_EXPORTER_OTLP_ENDPOINT="https://telemetry.googleapis.com",
        OTEL_RESOURCE_ATTRIBUTES="deployment.environment=prod, gcp.project_id=other",
    ).otlp
    assert (otlp.google_credentials, otlp.gcp_project_id) == (True, None)
    assert (
        parse(OTEL_EXPORTER_OTLP_ENDPOINT="https://telemetry.googleapis.com.evil.example").otlp.google_credentials
        is False
    )


@pytest.mark.parametrize(("value", "seconds"), [("0", 0.0), ("2.5", 2.5), ("-3", 0.0), ("soon", 1.0)])
def test_the_deferral_is_lenient(value: str, seconds: float) -> None:
    assert parse(TRACE_EXPORTER_DEFER_SECONDS=value).defer_seconds == seconds
