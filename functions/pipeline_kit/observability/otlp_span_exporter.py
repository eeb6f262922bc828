"""The OTLP span exporter (HTTP/protobuf or gRPC), signed with Google credentials when asked.

Imported only when the ``otlp`` exporter starts (``tracing._configure``, off the cold-start
path): the exporter packages, protobuf messages, google-auth's transports and grpc load then.

Google's OTLP endpoint (``telemetry.googleapis.com``, the Telemetry API enabled in the project)
takes OAuth 2 access tokens from Application Default Credentials: on Cloud Run, the service's
own service account, which needs ``telemetry.traces.write`` (``roles/cloudtrace.agent`` has it,
as does ``roles/telemetry.tracesWriter``). Over HTTP the tokens ride on google-auth's
``AuthorizedSession`` (a ``requests.Session`` the exporter posts with), over gRPC on a channel
whose call credentials are google-auth's ``AuthMetadataPlugin`` composed with TLS. Either
refreshes the token itself.
"""

from __future__ import annotations

from typing import Any

from pipeline_kit.observability.tracing_settings import OtlpSettings

GOOGLE_SCOPES = ("https://www.googleapis.com/auth/cloud-platform",)


def otlp_span_exporter(otlp: OtlpSettings) -> Any:
    """An ``OTLPSpanExporter`` for ``otlp.endpoint`` over ``otlp.protocol``."""
    if otlp.protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter as GrpcSpanExporter

        credentials = _google_channel_credentials() if otlp.google_credentials else None
        return GrpcSpanExporter(endpoint=otlp.endpoint, credentials=credentials)
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter as HttpSpanExporter

    session = _google_session() if otlp.google_credentials else None
    return HttpSpanExporter(endpoint=otlp.endpoint, session=session)


def _google_credentials() -> Any:
    import google.auth

    credentials, _ = google.auth.default(scopes=GOOGLE_SCOPES)
    return credentials


def _google_session() -> Any:
    from google.auth.transport.requests import AuthorizedSession

    return AuthorizedSession(_google_credentials())  # type: ignore[no-untyped-call]


def _google_channel_credentials() -> Any:
    import grpc
    from google.auth.transport.grpc import AuthMetadataPlugin
    from google.auth.transport.requests import Request

    plugin = AuthMetadataPlugin(_google_credentials(), Request())  # type: ignore[no-untyped-call]
    return grpc.composite_channel_credentials(grpc.ssl_channel_credentials(), grpc.metadata_call_credentials(plugin))
