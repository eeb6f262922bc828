"""The composition root configures the kit from its settings: at start the logs and traces, at
the first request the backends (Firestore project, Pub/Sub, the sent marker); a configured value
wins over the environment, and ``reset`` configures again from the environment as it is now.
(A process that never configures the kit — the ops CLI, a script — reads its environment.)"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from pipeline_kit.firestore import firestore_client
from pipeline_kit.observability import structured_log, tracing
from pipeline_kit.observability.trace_context import MessageContext, TraceParent, enter_context, exit_context
from pipeline_kit.outbox import sent_marker
from pipeline_kit.pubsub import publisher
from wild_workouts import bootstrap

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def kit_left_as_found(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each module's configuration restored after the test (the kit is process-wide)."""
    for module, name in (
        (structured_log, "_configured"),
        (tracing, "_settings"),
        (sent_marker, "_inline"),
        (firestore_client, "_project"),
        (publisher, "_settings"),
        (bootstrap, "_observability_configured_with"),
        (bootstrap, "_backends_configured_with"),
    ):
        monkeypatch.setattr(module, name, getattr(module, name))
    monkeypatch.setattr(firestore_client, "_client", None)
    yield


def _lines(**fields: str) -> list[dict[str, object]]:
    stream = io.StringIO()
    for severity in ("DEBUG", "INFO", "ERROR"):
        structured_log.log(severity, severity.lower(), stream=stream, **fields)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_start_configures_logs_and_traces_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"LOG_LEVEL": "error", "GOOGLE_CLOUD_PROJECT": "gym", "TRACE_EXPORTER": "memory"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("K_SERVICE", "trainer-calendar")
    bootstrap.reset()

    bootstrap.start()
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")  # read once: a later change is not seen
    monkeypatch.setenv("TRACE_EXPORTER", "console")
    monkeypatch.delenv("K_SERVICE")

    token = enter_context(MessageContext("c", "e", TraceParent("0" * 31 + "1", "0" * 15 + "1", True)))
    try:
        lines = _lines()
    finally:
        exit_context(token)
    assert [line["message"] for line in lines] == ["error"]
    assert lines[0]["logging.googleapis.com/trace"] == f"projects/gym/traces/{'0' * 31}1"
    assert tracing.exporter_name() == "memory"


def test_reset_configures_the_started_kit_again_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    monkeypatch.delenv("K_SERVICE", raising=False)
    bootstrap.reset()
    bootstrap.start()
    assert [line["message"] for line in _lines()] == ["error"]

    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    bootstrap.reset()

    assert [line["message"] for line in _lines()] == ["debug", "info", "error"]


def test_the_first_request_configures_the_backends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OUTBOX_MARK_SENT", "inline")
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "gym")
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085")
    bootstrap.reset()

    bootstrap._backends_configured()  # what each handle_* does before its work
    monkeypatch.setenv("OUTBOX_MARK_SENT", "deferred")  # read once
    monkeypatch.delenv("PUBSUB_EMULATOR_HOST")

    assert not sent_marker.marking_is_deferred()
    assert publisher.publisher_settings() == publisher.PublisherSettings("gym", "127.0.0.1:8085")
    assert firestore_client._project == ("gym",)


def test_an_unconfigured_kit_reads_its_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sent_marker, "_inline", None)
    monkeypatch.setattr(tracing, "_settings", None)
    monkeypatch.setattr(structured_log, "_configured", None)
    monkeypatch.setenv("OUTBOX_MARK_SENT", "inline")
    monkeypatch.setenv("TRACE_EXPORTER", "Console")
    monkeypatch.setenv("LOG_LEVEL", "ERROR")

    assert not sent_marker.marking_is_deferred()
    assert tracing.exporter_name() == "console"
    assert [line["message"] for line in _lines()] == ["error"]
