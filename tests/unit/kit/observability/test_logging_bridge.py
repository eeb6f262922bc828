"""The standard ``logging`` bridge: library records become the kit's structured lines, with the
current message context's trace and correlation id, and a logged exception's traceback."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from pipeline_kit.observability.logging_bridge import StructuredLogHandler, install_logging_bridge
from pipeline_kit.observability.trace_context import MessageContext, TraceParent, enter_context, exit_context

pytestmark = pytest.mark.unit

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


@pytest.fixture
def bridge() -> Iterator[StructuredLogHandler]:
    root = logging.getLogger()
    level = root.level
    handler = install_logging_bridge()
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]


def test_installing_twice_keeps_one_handler(bridge: StructuredLogHandler) -> None:
    assert install_logging_bridge() is bridge
    assert sum(isinstance(h, StructuredLogHandler) for h in logging.getLogger().handlers) == 1


def test_a_library_warning_inside_a_delivery_carries_its_trace_and_correlation(
    bridge: StructuredLogHandler, capsys: pytest.CaptureFixture[str]
) -> None:
    context = MessageContext("c-9", "e-9", TraceParent(TRACE_ID, "00f067aa0ba902b7", True)).with_labels(consumer="x")
    token = enter_context(context)
    try:
        # A logger made here: an existing one may have been disabled by another test's
        # logging.config (disable_existing_loggers), which is not what this test is about.
        logging.getLogger("library.api_core.retry").warning("retrying %s in %.1f s", "commit", 0.5)
        logging.getLogger("chatty.library").info("not written: below WARNING")
    finally:
        exit_context(token)

    (line,) = _lines(capsys)
    assert (line["severity"], line["message"], line["logger"]) == (
        "WARNING",
        "retrying commit in 0.5 s",
        "library.api_core.retry",
    )
    assert line["logging.googleapis.com/trace"].endswith(f"/traces/{TRACE_ID}")
    assert line["logging.googleapis.com/spanId"] == "00f067aa0ba902b7"
    assert line["logging.googleapis.com/labels"] == {"correlation_id": "c-9", "consumer": "x"}


def test_a_logged_exception_carries_its_traceback_and_outside_a_request_no_trace(
    bridge: StructuredLogHandler, capsys: pytest.CaptureFixture[str]
) -> None:
    empty: dict[str, int] = {}
    try:
        empty["missing"]  # a KeyError on purpose
    except KeyError:
        logging.getLogger("some.library").exception("lookup failed")

    (line,) = _lines(capsys)
    assert line["severity"] == "ERROR"
    assert line["stack_trace"].startswith("Traceback (most recent call last):")
    assert "KeyError: 'missing'" in line["stack_trace"]
    assert "logging.googleapis.com/trace" not in line
