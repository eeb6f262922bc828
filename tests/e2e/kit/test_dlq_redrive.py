"""Poison a message, see it in `dlq show` with its reason, fix the cause, `dlq redrive`, and see
the effect applied exactly once — through the real emulators, the real server and the ops CLI."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from click.testing import CliRunner

from ops.cli import main
from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_pipeline import CounterPipeline

pytestmark = pytest.mark.e2e


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--project", os.environ["GOOGLE_CLOUD_PROJECT"]], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _wait_for_backlog(pipeline: CounterPipeline, wanted: int, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    out = ""
    while time.monotonic() < deadline:
        out = _cli("dlq", "show", pipeline.names.dead_letter_subscription)
        if out.count("PermanentError") >= wanted:
            return out
        time.sleep(0.5)
    raise AssertionError(f"nothing parked in time:\n{out}")


def test_poison_show_fix_redrive_applies_exactly_once(pipeline: CounterPipeline) -> None:
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=-5))
    pipeline.publish_envelope(envelope)

    shown = _wait_for_backlog(pipeline, 1)
    assert "amount must not be negative" in shown
    assert pipeline.names.consumer in shown
    assert pipeline.counter(counter_id) is None

    # Fix the cause: this counter may now go negative.
    pipeline.firestore.collection("counters").document(counter_id).set({"value": 0, "allow_negative": True})

    redriven = _cli("dlq", "redrive", pipeline.names.dead_letter_subscription)
    assert "1" in redriven
    assert pipeline.wait_for_counter(counter_id, -5) == -5
    assert pipeline.processed_marker_exists(envelope.event_id)

    # Nothing left to redrive, and a second copy of the same event is a duplicate: still -5 once.
    assert "PermanentError" not in _cli("dlq", "show", pipeline.names.dead_letter_subscription)
    pipeline.publish_envelope(envelope)
    follow_up = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=1))
    pipeline.publish_envelope(follow_up)
    assert pipeline.wait_for_counter(counter_id, -4) == -4
