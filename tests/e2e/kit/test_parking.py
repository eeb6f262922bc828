"""Messages that can never succeed are parked with their reason (unknown types included); registered
types this consumer does not handle are ignored."""

from __future__ import annotations

import json
import uuid

import pytest

from pipeline_kit.events.event_envelope import EventEnvelope
from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_pipeline import CounterPipeline, PulledMessage

pytestmark = pytest.mark.e2e


def new_counter() -> str:
    return f"counter-{uuid.uuid4().hex[:8]}"


def assert_parked(parked: PulledMessage, pipeline: CounterPipeline, error_class: str) -> None:
    assert parked.attributes["error_class"] == error_class
    assert parked.attributes["error_message"]
    assert parked.attributes["consumer"] == pipeline.names.consumer
    assert parked.attributes["source_topic"] == pipeline.names.source_topic
    assert parked.attributes["original_message_id"]
    assert "CloudPubSubDeadLetterSourceDeliveryCount" not in parked.attributes  # parked by the kit, not Pub/Sub


def test_a_permanent_error_parks_the_original_message_and_leaves_the_counter_untouched(
    pipeline: CounterPipeline,
) -> None:
    counter_id = new_counter()
    envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=-1))

    pipeline.publish_envelope(envelope)

    parked = pipeline.pull_dead_letters(wanted=1)
    assert len(parked) == 1
    assert parked[0].data == envelope.to_json_bytes()
    assert_parked(parked[0], pipeline, "PermanentError")
    assert "amount must not be negative" in parked[0].attributes["error_message"]
    assert parked[0].attributes["event_id"] == envelope.event_id  # original attributes kept
    assert pipeline.counter(counter_id) is None
    assert not pipeline.processed_marker_exists(envelope.event_id)
    assert pipeline.pull_changed(wanted=1, timeout=1) == []
    assert pipeline.pull_dead_letters(wanted=1, timeout=2) == []  # parked once, then acked


def _with_document(envelope: EventEnvelope, **changes: object) -> bytes:
    document = envelope.to_document()
    document.update(changes)
    return json.dumps(document).encode()


def test_poison_bodies_are_parked_with_the_error_class_that_explains_them(pipeline: CounterPipeline) -> None:
    envelope = pipeline.envelope(CounterIncremented(counter_id=new_counter(), amount=1))
    poison = {
        b"this is not JSON {": ({}, "MalformedEnvelope"),
        _with_document(envelope, version=99, event_id="poison-version"): (
            {**envelope.attributes(), "event_version": "99", "event_id": "poison-version"},
            "UnsupportedEventVersion",
        ),
        _with_document(envelope, payload={"counter_id": 5, "amount": "many"}, event_id="poison-payload"): (
            {**envelope.attributes(), "event_id": "poison-payload"},
            "InvalidEventPayload",
        ),
        _with_document(envelope, type="CounterExploded", event_id="poison-type"): (
            {**envelope.attributes(), "event_type": "CounterExploded", "event_id": "poison-type"},
            "UnknownEventType",
        ),
    }

    for data, (attributes, _) in poison.items():
        pipeline.publish_raw(data, attributes)

    parked = pipeline.pull_dead_letters(wanted=len(poison))
    by_data = {message.data: message for message in parked}
    assert set(by_data) == set(poison)
    for data, (_, error_class) in poison.items():
        assert_parked(by_data[data], pipeline, error_class)
    assert pipeline.pull_changed(wanted=1, timeout=1) == []


def test_an_event_type_the_consumer_does_not_handle_is_acked_without_effect(pipeline: CounterPipeline) -> None:
    counter_id = new_counter()
    handled = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=1))
    document = handled.to_document()
    # CounterChanged is a registered type (the consumer publishes it) that this consumer does not handle.
    document.update(type="CounterChanged", event_id="unhandled-" + uuid.uuid4().hex)
    attributes = {**handled.attributes(), "event_type": "CounterChanged", "event_id": document["event_id"]}
    sentinel = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=2))

    pipeline.publish_raw(json.dumps(document).encode(), attributes, ordering_key=counter_id)
    pipeline.publish_envelope(sentinel, ordering_key=counter_id)  # ordered: after the unhandled one is acked

    pipeline.wait_for_counter(counter_id, 2)
    assert not pipeline.processed_marker_exists(document["event_id"])
    assert pipeline.attempts(document["event_id"]) == 0
    assert pipeline.outbox_caused_by(document["event_id"]) == []
    assert pipeline.pull_dead_letters(wanted=1, timeout=2) == []
