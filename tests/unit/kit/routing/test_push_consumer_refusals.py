"""What a push consumer answers without doing any work: a redrive meant for another consumer
(ignored), a body or data over Pub/Sub's message size (413, nothing parked), and what a parked
copy says when its data had to be cut."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask, request

from pipeline_kit.deadletter.parking import MAX_DATA_BYTES, parked_copy
from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.http.push_endpoint import push_response
from pipeline_kit.push.message_size import MAX_MESSAGE_BYTES, MAX_PUSH_BODY_BYTES
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.message_handler import HandlerContext
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_consumer import PushConsumer
from pipeline_kit.routing.push_request import PushRequest
from tests.unit.kit.routing.in_memory_delivery import CONSUMER, Authenticator, OrderPlaced, envelope, wrapped_body

pytestmark = pytest.mark.unit


def _no_firestore() -> Any:
    raise AssertionError("this request must not reach Firestore")


@dataclass
class _Parked:
    calls: list[tuple[str, bytes, dict[str, str]]]

    def __call__(self, topic: str, data: bytes, attributes: Mapping[str, str]) -> str:
        self.calls.append((topic, data, dict(attributes)))
        return "parked-1"


def _handler(event: OrderPlaced, context: HandlerContext) -> None:
    raise AssertionError("the handler must not run")


def _consumer(parked: _Parked) -> PushConsumer:
    registry = EventRegistry([OrderPlaced])
    spec = ConsumerSpec(
        name=CONSUMER,
        source_topic="orders-events",
        dead_letter_topic=f"{CONSUMER}-dead-letter",
        handlers={OrderPlaced.event_type: _handler},
    )
    emitter = EventEmitter(registry, topic_for=lambda _: "unused")
    return PushConsumer(spec, registry, emitter, Authenticator(), client_factory=_no_firestore, park_fn=parked)


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        (
            {"Content-Type": "application/json"},
            wrapped_body(
                envelope(traceparent=None).to_json_bytes(),
                {**envelope(traceparent=None).attributes(), "redrive_target": "trainer-on-orders"},
            ),
        ),
        (  # unwrapped behind WSGI: the attribute arrives as redrive-target
            {"x-goog-pubsub-message-id": "m-2", "redrive-target": "trainer-on-orders"},
            envelope(traceparent=None).to_json_bytes(),
        ),
    ],
    ids=["wrapped", "unwrapped-header"],
)
def test_a_redrive_meant_for_another_consumer_is_ignored_without_any_work(headers: dict[str, str], body: bytes) -> None:
    parked = _Parked([])

    result = _consumer(parked).handle(PushRequest.with_body(headers, body))

    assert (result.outcome, result.status) == (Outcome.IGNORED, 204)
    assert "trainer-on-orders" in result.detail
    assert parked.calls == []


def test_a_redrive_meant_for_this_consumer_goes_on_to_the_handler() -> None:
    reached: list[str] = []

    def client_factory() -> Any:
        reached.append("firestore")
        raise ConnectionError("stop here")

    attributes = {**envelope(traceparent=None).attributes(), "redrive_target": CONSUMER}
    consumer = _consumer(_Parked([]))
    consumer = PushConsumer(
        consumer.spec,
        EventRegistry([OrderPlaced]),
        EventEmitter(EventRegistry([OrderPlaced]), lambda _: "unused"),
        Authenticator(),
        client_factory=client_factory,
        park_fn=_Parked([]),
    )
    consumer.handle(PushRequest.with_body({}, wrapped_body(envelope(traceparent=None).to_json_bytes(), attributes)))

    assert reached == ["firestore"]


def test_data_over_the_message_limit_is_refused_with_413_and_not_parked() -> None:
    parked = _Parked([])
    data = b"x" * (MAX_MESSAGE_BYTES + 1)

    result = _consumer(parked).handle(PushRequest.with_body({"x-goog-pubsub-message-id": "m-3"}, data))

    assert (result.outcome, result.status) == (Outcome.TOO_LARGE, 413)
    assert str(MAX_MESSAGE_BYTES) in result.detail
    assert parked.calls == []


def test_a_body_over_the_push_limit_is_refused_from_its_content_length_before_it_is_read() -> None:
    parked = _Parked([])
    app = Flask(__name__)
    length = {"CONTENT_LENGTH": str(MAX_PUSH_BODY_BYTES + 1)}
    with app.test_request_context(
        "/", method="POST", data=b"{}", content_type="application/json", environ_overrides=length
    ):
        sent = request.environ["wsgi.input"]
        response, status = push_response(_consumer(parked), request)
        consumed = sent.read()

    assert status == 413
    assert response.get_json()["outcome"] == "too_large"
    assert consumed == b"{}"  # the body was never read
    assert parked.calls == []


def test_a_body_within_the_limit_is_handled_as_usual() -> None:
    app = Flask(__name__)
    body = wrapped_body(b"not an envelope", {"event_type": "OrderPlaced"})
    parked = _Parked([])
    with app.test_request_context("/", method="POST", data=body, content_type="application/json"):
        response = push_response(_consumer(parked), request)

    assert response.status_code == 204
    assert len(parked.calls) == 1  # malformed envelope: parked, then acked


def test_a_parked_copy_that_had_to_be_cut_says_so_with_its_original_size() -> None:
    data = b"y" * (MAX_DATA_BYTES + 10)

    cut, attributes = parked_copy(data, {"error_class": "MalformedEnvelope"})
    whole, plain = parked_copy(b"small", {"error_class": "MalformedEnvelope"})

    assert len(cut) == MAX_DATA_BYTES
    assert attributes["parked_truncated"] == "true"
    assert attributes["original_size"] == str(MAX_DATA_BYTES + 10)
    assert (whole, plain) == (b"small", {"error_class": "MalformedEnvelope"})


def test_an_unparseable_body_over_the_parking_limit_is_parked_marked_as_cut() -> None:
    parked = _Parked([])
    body = b"\xff" * (MAX_DATA_BYTES + 1)  # not UTF-8: malformed, within the push body limit

    result = _consumer(parked).handle(PushRequest.with_body({"Content-Type": "application/json"}, body))

    assert result.outcome is Outcome.PARKED
    ((_, data, attributes),) = parked.calls
    published, marked = parked_copy(data, attributes)  # what park() publishes
    assert attributes["error_class"] == "MalformedPushRequest"
    assert len(published) == MAX_DATA_BYTES
    assert (marked["parked_truncated"], marked["original_size"]) == ("true", str(len(body)))


def test_an_unparseable_body_over_the_message_limit_is_refused_not_parked() -> None:
    parked = _Parked([])
    body = b'{"message": {"data": "' + b"A" * MAX_MESSAGE_BYTES + b'"}}'  # no messageId: malformed

    result = _consumer(parked).handle(PushRequest.with_body({"Content-Type": "application/json"}, body))

    assert (result.outcome, result.status) == (Outcome.TOO_LARGE, 413)
    assert parked.calls == []
