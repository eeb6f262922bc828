"""Pub/Sub itself dead-letters a message that keeps failing transiently."""

from __future__ import annotations

import uuid

import pytest

from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_pipeline import MAX_DELIVERY_ATTEMPTS, CounterPipeline

pytestmark = pytest.mark.e2e


def test_a_message_that_always_fails_transiently_is_dead_lettered_after_max_attempts(
    unordered_pipeline: CounterPipeline,
) -> None:
    pipeline = unordered_pipeline
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=1, transient_failures=1000))

    pipeline.publish_envelope(envelope)

    dead = pipeline.pull_dead_letters(wanted=1, timeout=30)
    assert len(dead) == 1
    assert dead[0].data == envelope.to_json_bytes()
    assert dead[0].attributes["event_id"] == envelope.event_id
    assert dead[0].attributes["CloudPubSubDeadLetterSourceDeliveryCount"] == str(MAX_DELIVERY_ATTEMPTS)
    assert dead[0].attributes["CloudPubSubDeadLetterSourceSubscription"].endswith(f"{pipeline.names.consumer}-push")
    assert "error_class" not in dead[0].attributes  # dead-lettered by Pub/Sub, not parked by the kit
    assert pipeline.attempts(envelope.event_id) == MAX_DELIVERY_ATTEMPTS
    assert pipeline.counter(counter_id) is None
    assert not pipeline.processed_marker_exists(envelope.event_id)
    assert pipeline.pull_dead_letters(wanted=1, timeout=2) == []  # no further deliveries after dead-lettering
    assert pipeline.attempts(envelope.event_id) == MAX_DELIVERY_ATTEMPTS
