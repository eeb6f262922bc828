"""Poison a message, see it in `dlq show` with its reason, fix the cause, `dlq redrive`, and see
the effect applied exactly once — through the real emulators, the real server and the ops CLI.
With two consumers on the topic, the redrive reaches only the one that failed it."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from click.testing import CliRunner

from ops.cli import main
from pipeline_kit.firestore.optimistic_unit_of_work import PROCESSED_COLLECTION
from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_app_process import AppFactory
from tests.e2e.kit.counter_pipeline import CounterPipeline
from tests.e2e.kit.polling import eventually

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


def test_a_redrive_reaches_only_the_consumer_that_failed_it(pipeline: CounterPipeline, start_app: AppFactory) -> None:
    """The other consumer of the topic applied the event and its processed marker is gone (what a
    week does: markers expire, redrives do not), so only ignoring the copy keeps it from applying
    it again. The emulator applies no subscription filter: the other consumer does receive the
    copy, and this proves the consumer-side ignore (in production its filter drops it first)."""
    other, collection = f"{pipeline.names.consumer}-other", "counters_other"
    other_app = start_app(
        {
            "COUNTER_CONSUMER": other,
            "COUNTER_DEAD_LETTER_TOPIC": f"{other}-dead-letter",
            "COUNTER_COLLECTION": collection,
            "LOG_LEVEL": "DEBUG",
        }
    )
    pipeline.add_consumer(other, other_app.push_url)
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    pipeline.firestore.collection(collection).document(counter_id).set({"value": 0, "allow_negative": True})
    envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=-5))
    pipeline.publish_envelope(envelope)

    _wait_for_backlog(pipeline, 1)  # the first consumer parked it ...
    assert pipeline.wait_for_counter(counter_id, -5, collection=collection) == -5  # ... the other applied it
    pipeline.firestore.collection(PROCESSED_COLLECTION).document(f"{other}__{envelope.event_id}").delete()
    pipeline.firestore.collection("counters").document(counter_id).set({"value": 0, "allow_negative": True})

    redriven = _cli("dlq", "redrive", pipeline.names.dead_letter_subscription)

    assert (
        f"redriven 1 message(s) from {pipeline.names.dead_letter_subscription} to {pipeline.names.consumer}" in redriven
    )
    assert pipeline.wait_for_counter(counter_id, -5) == -5
    eventually(
        lambda: _ignored_redrive_logged(other_app.process.log_path.read_text(errors="replace"), envelope.event_id),
        timeout=20,
        what=f"{other} ignoring the redrive of {envelope.event_id}",
    )
    assert pipeline.counter(counter_id, collection=collection) == -5  # not applied a second time
    assert not pipeline.processed_marker_exists(envelope.event_id, consumer=other)
    assert pipeline.processed_marker_exists(envelope.event_id)


def _ignored_redrive_logged(log: str, event_id: str) -> bool:
    return any(
        '"outcome":"ignored"' in line and event_id in line and "a redrive meant for" in line
        for line in log.splitlines()
    )
