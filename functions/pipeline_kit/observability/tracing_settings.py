"""Which span exporter a process uses, from OpenTelemetry's standard variables and the kit's own.

Parsed once from the environment the caller passes (``TracingSettings.from_environ``);
``tracing.configure`` takes the result. Standard library only: the composition root parses its
settings at import (cold start).

Precedence, first set (non-blank) wins:
- exporter: ``OTEL_TRACES_EXPORTER``, then ``TRACE_EXPORTER`` (the kit's older variable, which
  keeps working on its own), then ``none``. The standard one wins because every deploy path of
  the project (Terraform, ``ops dev``, ``ops deploy-commands``) sets ``TRACE_EXPORTER`` on each
  service: were it the winner, setting ``OTEL_TRACES_EXPORTER`` as OpenTelemetry's documentation
  says would do nothing. Values: ``none``, ``console``, ``otlp``, ``gcp`` (Cloud Trace's own
  API), ``memory`` (tests); one exporter, not a list. (OpenTelemetry's default is ``otlp``; the
  kit's stays ``none``: nothing is exported unless asked.)
- service name: ``OTEL_SERVICE_NAME``, then the caller's default (the app: ``K_SERVICE``,
  ``FUNCTION_TARGET``, ``wild-workouts``).
- OTLP protocol: ``OTEL_EXPORTER_OTLP_TRACES_PROTOCOL``, then ``OTEL_EXPORTER_OTLP_PROTOCOL``,
  then ``http/protobuf`` (``grpc`` is the other one supported; ``http/json`` is not).
- OTLP endpoint: ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`` as given, then
  ``OTEL_EXPORTER_OTLP_ENDPOINT`` (with ``/v1/traces`` appended for HTTP, as the specification
  says), then ``http://localhost:4318/v1/traces`` (HTTP) or ``http://localhost:4317`` (gRPC).
- Google credentials: on when the endpoint's host is ``telemetry.googleapis.com`` (Google's
  OTLP endpoint): Application Default Credentials sign each export, and the resource gets
  ``gcp.project_id`` (the caller's project) unless ``OTEL_RESOURCE_ATTRIBUTES`` names one.

The OTLP exporters still read their other standard variables themselves (headers, timeout,
compression, certificates), and the SDK reads ``OTEL_RESOURCE_ATTRIBUTES``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import urlsplit

EXPORTERS = ("none", "console", "otlp", "gcp", "memory")
OTLP_PROTOCOLS = ("http/protobuf", "grpc")
GOOGLE_OTLP_HOST = "telemetry.googleapis.com"
_DEFAULT_ENDPOINTS = {"http/protobuf": "http://localhost:4318/v1/traces", "grpc": "http://localhost:4317"}


class InvalidTracingSetting(ValueError):
    """A tracing variable's value is not one the kit supports; ``variable`` names it."""

    def __init__(self, variable: str, message: str) -> None:
        super().__init__(message)
        self.variable = variable


class OtlpSettings(NamedTuple):
    """Where and how the ``otlp`` exporter sends spans."""

    endpoint: str = _DEFAULT_ENDPOINTS["http/protobuf"]
    """The traces endpoint as the exporter takes it (HTTP: the full ``.../v1/traces`` URL)."""
    protocol: str = "http/protobuf"
    google_credentials: bool = False
    """Sign exports with Application Default Credentials (Google's OTLP endpoint)."""
    gcp_project_id: str | None = None
    """``gcp.project_id`` to add to the resource (Google's endpoint needs it), or None."""


class TracingSettings(NamedTuple):
    exporter: str = "none"
    service_name: str = "pipeline-kit"
    defer_seconds: float = 1.0
    """How long after the first span an exporting exporter starts (``TRACE_EXPORTER_DEFER_SECONDS``)."""
    otlp: OtlpSettings = OtlpSettings()

    @classmethod
    def from_environ(
        cls, environ: Mapping[str, str], *, default_service_name: str, project_id: str | None = None
    ) -> TracingSettings:
        """Parse ``environ`` by the precedence above (raises ``InvalidTracingSetting``)."""
        exporter_variable = "OTEL_TRACES_EXPORTER" if _text(environ, "OTEL_TRACES_EXPORTER") else "TRACE_EXPORTER"
        exporter = _text(environ, exporter_variable).lower() or "none"
        if exporter not in EXPORTERS:
            raise InvalidTracingSetting(
                exporter_variable, f"{exporter_variable} must be one of {', '.join(EXPORTERS)}, got {exporter[:40]!r}"
            )
        return cls(
            exporter=exporter,
            service_name=_text(environ, "OTEL_SERVICE_NAME") or default_service_name,
            defer_seconds=_defer_seconds(environ),
            otlp=_otlp(environ, project_id),
        )


def _otlp(environ: Mapping[str, str], project_id: str | None) -> OtlpSettings:
    protocol_variables = ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL")
    protocol_variable = next((name for name in protocol_variables if _text(environ, name)), None)
    protocol = _text(environ, protocol_variable).lower() if protocol_variable else "http/protobuf"
    if protocol_variable and protocol not in OTLP_PROTOCOLS:
        raise InvalidTracingSetting(
            protocol_variable, f"{protocol_variable} must be http/protobuf or grpc, got {protocol[:40]!r}"
        )
    endpoint = _text(environ, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    if not endpoint and _text(environ, "OTEL_EXPORTER_OTLP_ENDPOINT"):
        base = _text(environ, "OTEL_EXPORTER_OTLP_ENDPOINT")
        endpoint = base if protocol == "grpc" else base.rstrip("/") + "/v1/traces"
    endpoint = endpoint or _DEFAULT_ENDPOINTS[protocol]
    google = urlsplit(endpoint if "//" in endpoint else f"//{endpoint}").hostname == GOOGLE_OTLP_HOST
    resource_attributes = environ.get("OTEL_RESOURCE_ATTRIBUTES", "").split(",")
    named = any(item.split("=", 1)[0].strip() == "gcp.project_id" for item in resource_attributes)
    return OtlpSettings(endpoint, protocol, google, project_id if google and not named else None)


def _text(environ: Mapping[str, str], name: str) -> str:
    return environ.get(name, "").strip()


def _defer_seconds(environ: Mapping[str, str]) -> float:
    try:
        return max(0.0, float(environ.get("TRACE_EXPORTER_DEFER_SECONDS", "1")))
    except ValueError:
        return 1.0
