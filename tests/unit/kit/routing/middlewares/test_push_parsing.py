"""``push_parsing``: the request becomes a delivery (body read within the limit, push form parsed,
envelope decoded once), or the answer when there is nothing to deliver (413, parked unparseable)."""

from __future__ import annotations

import pytest

from pipeline_kit.events.event_envelope import MalformedEnvelope
from pipeline_kit.push.message_size import MAX_MESSAGE_BYTES, MAX_PUSH_BODY_BYTES
from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.middlewares.push_parsing import push_parsing
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_request import BodyTooLarge, PushRequest
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import (
    CONSUMER,
    Parked,
    envelope,
    log_lines,
    push_body,
    spec,
    wrapped_body,
)

pytestmark = pytest.mark.unit

JSON = {"content-type": "application/json"}


class Deliveries:
    def __init__(self) -> None:
        self.received: list[Delivery] = []

    def __call__(self, delivery: Delivery) -> PushResult:
        self.received.append(delivery)
        return PushResult(Outcome.HANDLED)


def _parse(
    body: bytes, headers: dict[str, str] | None = None, parked: Parked | None = None
) -> tuple[PushResult, Deliveries, Parked]:
    deliveries, parked = Deliveries(), parked or Parked()
    result = push_parsing(spec(), parked, deliveries)(PushRequest.with_body(headers or JSON, body))
    return result, deliveries, parked


def test_a_push_goes_on_as_a_delivery_with_its_envelope_decoded() -> None:
    result, deliveries, _ = _parse(push_body())

    assert result.outcome is Outcome.HANDLED
    (delivery,) = deliveries.received
    assert (delivery.consumer.name, delivery.message.message_id, delivery.message.form) == (CONSUMER, "m-1", "wrapped")
    assert delivery.envelope == envelope()
    assert (delivery.envelope_error, delivery.event) == (None, None)


def test_a_malformed_envelope_goes_on_with_its_error_for_the_classification() -> None:
    _, deliveries, parked = _parse(wrapped_body(b"[1]", {"event_type": "OrderPlaced"}))

    (delivery,) = deliveries.received
    assert delivery.envelope is None
    assert isinstance(delivery.envelope_error, MalformedEnvelope)
    assert parked.calls == []


def test_an_unparseable_body_is_parked_raw_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    result, deliveries, parked = _parse(b"\xff not a push")

    assert result.outcome is Outcome.PARKED and deliveries.received == []
    ((topic, data, attributes),) = parked.calls
    assert (topic, data) == (f"{CONSUMER}-dead-letter", b"\xff not a push")
    assert (attributes["error_class"], attributes["source_topic"]) == ("MalformedPushRequest", "orders-events")
    (line,) = log_lines(capsys.readouterr().out)
    assert line["severity"] == "ERROR" and line["outcome"] == "parked"


def test_an_unparseable_body_whose_parking_fails_is_not_acked() -> None:
    result, _, _ = _parse(b"\xff", parked=Parked(failure=ConnectionError("down")))

    assert result.outcome is Outcome.PARK_FAILED
    assert "parking failed: ConnectionError: down" in result.detail


@pytest.mark.parametrize(
    ("headers", "body", "what"),
    [
        (JSON, b"{" * (MAX_PUSH_BODY_BYTES + 1), "the push request body is"),
        ({"x-goog-pubsub-message-id": "m-1"}, b"x" * (MAX_MESSAGE_BYTES + 1), "the message data is"),
        (JSON, b'{"message": {"data": "' + b"A" * MAX_MESSAGE_BYTES + b'"}}', "an unparseable push request body is"),
    ],
    ids=["body", "data", "unparseable body"],
)
def test_over_the_sizes_is_413_and_nothing_parked(headers: dict[str, str], body: bytes, what: str) -> None:
    result, deliveries, parked = _parse(body, headers)

    assert result.outcome is Outcome.TOO_LARGE and result.detail.startswith(what)
    assert (deliveries.received, parked.calls) == ([], [])


def test_a_body_past_the_limit_while_read_is_413_at_least() -> None:
    def chunked() -> bytes:
        raise BodyTooLarge(MAX_PUSH_BODY_BYTES + 1, MAX_PUSH_BODY_BYTES)

    result = push_parsing(spec(), Parked(), Deliveries())(PushRequest.of(JSON, chunked))

    assert result.outcome is Outcome.TOO_LARGE
    assert result.detail.startswith(
        f"the push request body (sent without a length) is at least {MAX_PUSH_BODY_BYTES + 1} bytes"
    )
