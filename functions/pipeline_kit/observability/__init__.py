"""Structured logs for Cloud Logging, W3C trace context, correlation ids and OpenTelemetry spans."""
