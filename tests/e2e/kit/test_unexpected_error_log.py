"""A handler bug, through real Pub/Sub push: the counter app's functions log (the file its real
process writes, nothing faked) holds the failure's stack trace exactly once, on the delivery's
outcome line, under the message's correlation id and trace — the line Error Reporting groups."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest

from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_app_process import CounterAppProcess
from tests.e2e.kit.counter_pipeline import CounterPipeline

pytestmark = pytest.mark.e2e


def _lines(app: CounterAppProcess) -> list[dict[str, Any]]:
    entries = []
    for line in app.process.log_path.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
    return entries


def test_a_handler_bug_is_logged_once_with_its_stack_trace_and_correlation_id(
    pipeline: CounterPipeline, counter_app: CounterAppProcess
) -> None:
    suffix = uuid.uuid4().hex[:8]
    buggy = pipeline.envelope(CounterIncremented(counter_id=f"bug-{suffix}", amount=1, divisor=0))
    pipeline.publish_envelope(buggy, ordering_key=f"key-{suffix}")

    parked = pipeline.pull_dead_letters(wanted=1, timeout=30)
    assert [message.attributes["event_id"] for message in parked] == [buggy.event_id]
    assert parked[0].attributes["error_class"] == "ZeroDivisionError"

    deadline = time.monotonic() + 10
    mine: list[dict[str, Any]] = []
    while time.monotonic() < deadline:  # the outcome line is written right after the answer
        mine = [
            e
            for e in _lines(counter_app)
            if e.get("logging.googleapis.com/labels", {}).get("event_id") == buggy.event_id
        ]
        if mine:
            break
        time.sleep(0.1)
    with_trace = [entry for entry in mine if "stack_trace" in entry]
    assert len(with_trace) == 1, mine
    (line,) = with_trace
    assert line["severity"] == "ERROR" and line["outcome"] == "parked"
    assert line["logging.googleapis.com/labels"]["correlation_id"] == buggy.correlation_id
    assert line["logging.googleapis.com/labels"]["consumer"] == pipeline.names.consumer
    assert "/traces/" in line["logging.googleapis.com/trace"] and line["logging.googleapis.com/spanId"]
    stack_trace = line["stack_trace"]
    assert stack_trace.startswith("Traceback (most recent call last):")
    assert "counter_handler.py" in stack_trace and "handle_counter_incremented" in stack_trace
    assert stack_trace.endswith("ZeroDivisionError: integer division or modulo by zero")
    everything = counter_app.process.log_path.read_text(errors="replace")
    assert everything.count("Traceback (most recent call last)") == 1, "one traceback, once, in the whole log"
