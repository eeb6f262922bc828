"""Every line a push delivery writes carries its correlation id and trace, and an unexpected
error is written once, with its traceback in ``stack_trace`` (Error Reporting's field).

The consumer runs for real up to the point where it would reach Firestore: its client factory
raises the error under test (no Firestore, no Pub/Sub: the lines are the subject here)."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.message_handler import HandlerContext
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_consumer import PushConsumer
from pipeline_kit.routing.push_request import PushRequest
from tests.unit.kit.routing.in_memory_delivery import CONSUMER, TRACE_ID, TRACEPARENT, Authenticator, OrderPlaced

pytestmark = pytest.mark.unit


def _handler(event: OrderPlaced, context: HandlerContext) -> None:
    raise AssertionError("not reached: the client factory fails first")


def _consumer(error: BaseException, parked: list[Mapping[str, str]]) -> PushConsumer:
    registry = EventRegistry([OrderPlaced])
    spec = ConsumerSpec(
        name=CONSUMER,
        source_topic="orders-events",
        dead_letter_topic=f"{CONSUMER}-dead-letter",
        handlers={OrderPlaced.event_type: _handler},
    )

    def failing_client() -> Any:
        raise error

    def park(topic: str, data: bytes, attributes: Mapping[str, str]) -> str:
        parked.append(dict(attributes))
        return "parked-1"

    emitter = EventEmitter(registry, topic_for=lambda _: "unused")
    return PushConsumer(spec, registry, emitter, Authenticator(), client_factory=failing_client, park_fn=park)


def _body(*, with_context_attributes: bool = True) -> bytes:
    envelope = EventEnvelope(
        event_id="e-1",
        type="OrderPlaced",
        version=1,
        occurred_at=datetime(2026, 11, 26, 10, tzinfo=UTC),
        correlation_id="c-1",
        causation_id="e-1",
        aggregate_id="o-1",
        payload={"order_id": "o-1"},
        traceparent=TRACEPARENT,
    )
    attributes = envelope.attributes() if with_context_attributes else {"event_type": "OrderPlaced"}
    message = {
        "data": base64.b64encode(envelope.to_json_bytes()).decode(),
        "attributes": attributes,
        "messageId": "m-1",
    }
    push = {"message": message, "subscription": f"projects/p/subscriptions/{CONSUMER}", "deliveryAttempt": 3}
    return json.dumps(push).encode()


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]


def test_an_unexpected_error_is_one_error_line_with_its_traceback_correlation_and_trace(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parked: list[Mapping[str, str]] = []

    result = _consumer(ZeroDivisionError("division by zero"), parked).handle(PushRequest.with_body({}, _body()))

    assert result.outcome is Outcome.PARKED and len(parked) == 1
    (line,) = _lines(capsys)
    assert line["severity"] == "ERROR"
    assert line["outcome"] == "parked"
    assert line["stack_trace"].startswith("Traceback (most recent call last):")
    assert line["stack_trace"].rstrip().endswith("ZeroDivisionError: division by zero")
    assert "failing_client" in line["stack_trace"]
    labels = line["logging.googleapis.com/labels"]
    assert (labels["correlation_id"], labels["consumer"], labels["delivery_attempt"]) == ("c-1", CONSUMER, "3")
    assert line["logging.googleapis.com/trace"].endswith(f"/traces/{TRACE_ID}")
    assert len(line["logging.googleapis.com/spanId"]) == 16


def test_an_unexpected_error_that_is_retried_carries_its_traceback_too(capsys: pytest.CaptureFixture[str]) -> None:
    result = _consumer(RuntimeError("surprise"), []).handle(PushRequest.with_body({}, _body()))

    assert result.outcome is Outcome.RETRY
    (line,) = _lines(capsys)
    assert line["severity"] == "ERROR"
    assert "RuntimeError: surprise" in line["stack_trace"]
    assert line["logging.googleapis.com/labels"]["correlation_id"] == "c-1"


def test_an_expected_transient_error_is_a_warning_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    result = _consumer(ConnectionError("emulator down"), []).handle(PushRequest.with_body({}, _body()))

    assert result.outcome is Outcome.RETRY
    (line,) = _lines(capsys)
    assert line["severity"] == "WARNING"
    assert "stack_trace" not in line
    assert line["logging.googleapis.com/labels"]["correlation_id"] == "c-1"
    assert line["logging.googleapis.com/trace"].endswith(f"/traces/{TRACE_ID}")


def test_without_context_attributes_the_line_follows_the_envelope(capsys: pytest.CaptureFixture[str]) -> None:
    _consumer(ConnectionError("emulator down"), []).handle(
        PushRequest.with_body({}, _body(with_context_attributes=False))
    )

    (line,) = _lines(capsys)
    assert line["logging.googleapis.com/labels"]["correlation_id"] == "c-1"
    assert line["logging.googleapis.com/trace"].endswith(f"/traces/{TRACE_ID}")
