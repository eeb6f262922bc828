"""Happy path, duplicates and transient failures through real Pub/Sub push."""

from __future__ import annotations

import json
import uuid

import pytest

from pipeline_kit.events.event_envelope import decode_envelope
from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_pipeline import CounterPipeline
from tests.e2e.kit.polling import eventually

pytestmark = pytest.mark.e2e


def new_counter() -> str:
    return f"counter-{uuid.uuid4().hex[:8]}"


def test_a_handled_event_is_applied_and_its_event_published_and_marked_sent(pipeline: CounterPipeline) -> None:
    counter_id = new_counter()
    envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=7))

    pipeline.publish_envelope(envelope)

    pipeline.wait_for_counter(counter_id, 7)
    changed = pipeline.pull_changed(wanted=1)
    assert len(changed) == 1
    emitted = decode_envelope(changed[0].data, changed[0].attributes)
    assert emitted.type == "CounterChanged"
    assert dict(emitted.payload) == {"counter_id": counter_id, "value": 7}
    assert emitted.causation_id == envelope.event_id
    assert emitted.correlation_id == envelope.correlation_id
    assert changed[0].attributes["event_id"] == emitted.event_id
    records = eventually(lambda: pipeline.outbox_caused_by(envelope.event_id), what="outbox record")
    assert [record["event_id"] for record in records] == [emitted.event_id]
    eventually(lambda: pipeline.outbox_caused_by(envelope.event_id)[0]["sent"] is True, what="outbox record sent")
    assert pipeline.processed_marker_exists(envelope.event_id)
    assert pipeline.pull_dead_letters(wanted=1, timeout=1) == []


def test_the_same_event_delivered_three_times_is_applied_once(pipeline: CounterPipeline) -> None:
    counter_id = new_counter()
    duplicate = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=5))
    sentinel = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=100))

    for _ in range(3):
        pipeline.publish_envelope(duplicate, ordering_key=counter_id)
    pipeline.publish_envelope(sentinel, ordering_key=counter_id)  # ordered: handled after the duplicates

    pipeline.wait_for_counter(counter_id, 105)
    changed = pipeline.pull_changed(wanted=3, timeout=1.5)
    values = sorted(json.loads(message.data)["payload"]["value"] for message in changed)
    assert values == [5, 105]
    assert len(pipeline.outbox_caused_by(duplicate.event_id)) == 1


def test_a_transient_failure_is_retried_and_applied_exactly_once(pipeline: CounterPipeline) -> None:
    counter_id = new_counter()
    envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=3, transient_failures=2))

    pipeline.publish_envelope(envelope)

    pipeline.wait_for_counter(counter_id, 3, timeout=25)
    assert pipeline.attempts(envelope.event_id) >= 3
    assert pipeline.processed_marker_exists(envelope.event_id)
    changed = pipeline.pull_changed(wanted=2, timeout=1.5)
    assert [json.loads(message.data)["payload"]["value"] for message in changed] == [3]
    assert pipeline.pull_dead_letters(wanted=1, timeout=1) == []
