"""``outcome_logging``: one line per delivery, from the delivery (message, envelope) and the
returned result (outcome, detail, attempts, stack trace)."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.middlewares.outcome_logging import outcome_logging
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import CONSUMER, delivery, log_lines

pytestmark = pytest.mark.unit


def _line(result: PushResult, target: Delivery, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert outcome_logging(target, lambda _: result) is result
    (line,) = log_lines(capsys.readouterr().out)
    return line


def test_a_handled_delivery_is_an_info_line_with_its_attempts(capsys: pytest.CaptureFixture[str]) -> None:
    line = _line(PushResult(Outcome.HANDLED, attempts=2), delivery(), capsys)

    assert (line["severity"], line["message"], line["attempts"]) == ("INFO", f"{CONSUMER}: handled OrderPlaced", 2)
    labels = line["logging.googleapis.com/labels"]
    assert (labels["event_id"], labels["event_type"], labels["message_id"]) == ("e-1", "OrderPlaced", "m-1")
    assert "detail" not in line and "stack_trace" not in line


def test_a_retry_is_a_warning_with_its_detail(capsys: pytest.CaptureFixture[str]) -> None:
    line = _line(PushResult(Outcome.RETRY, "ConnectionError: down"), delivery(), capsys)

    assert (line["severity"], line["detail"]) == ("WARNING", "ConnectionError: down")
    assert line["message"] == f"{CONSUMER}: retry OrderPlaced (ConnectionError: down)"


def test_an_unexpected_error_is_the_one_error_line_with_its_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    line = _line(PushResult(Outcome.RETRY, "RuntimeError: ?", stack_trace="Traceback ..."), delivery(), capsys)

    assert (line["severity"], line["stack_trace"]) == ("ERROR", "Traceback ...")


def test_without_an_envelope_the_attributes_name_the_event(capsys: pytest.CaptureFixture[str]) -> None:
    target = delivery(b"not json", {"event_id": "e-7", "event_type": "OrderPlaced", "redrive_count": "1"})
    line = _line(PushResult(Outcome.PARKED, "MalformedEnvelope: bad"), target, capsys)

    assert (line["severity"], line["message"]) == ("ERROR", f"{CONSUMER}: parked (MalformedEnvelope: bad)")
    labels = line["logging.googleapis.com/labels"]
    assert (labels["event_id"], labels["redrive_count"]) == ("e-7", "1")
