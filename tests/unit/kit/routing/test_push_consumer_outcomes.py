"""``PushConsumer``'s outcome table (``routing/outcome.py``), row by row, in memory: the real chain
with an in-memory last step (``InMemoryHandling``), parker and authenticator. Each row says what
Pub/Sub sees (outcome, status) and what was done (handler run, copy parked)."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline_kit.deadline.delivery_deadline import DeadlineExceeded
from pipeline_kit.errors.handler_errors import PermanentError, TransientError
from pipeline_kit.push.message_size import MAX_MESSAGE_BYTES, MAX_PUSH_BODY_BYTES
from pipeline_kit.routing.message_handler import HandlerContext
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_request import BodyTooLarge, PushRequest
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import (
    CONSUMER,
    DomainRuleBroken,
    InMemoryHandling,
    OrderPlaced,
    Parked,
    consumer,
    envelope,
    forbidden,
    push_body,
    unauthenticated,
    wrapped_body,
)

pytestmark = pytest.mark.unit

JSON = {"content-type": "application/json"}


def _raising(error: Exception) -> Any:
    def handler(event: OrderPlaced, context: HandlerContext) -> None:
        raise error

    return handler


def _push(
    body: bytes, headers: dict[str, str] | None = None, **options: Any
) -> tuple[PushResult, InMemoryHandling, Parked]:
    handling, parked = options.pop("handling", InMemoryHandling()), options.pop("parked", Parked())
    result = consumer(handling=handling, parked=parked, **options).handle(PushRequest.with_body(headers or JSON, body))
    return result, handling, parked


def test_handled_runs_the_handler_once_with_the_decoded_event() -> None:
    result, handling, parked = _push(push_body())

    assert (result.outcome, result.status, result.attempts) == (Outcome.HANDLED, 204, 1)
    ((event, handled_envelope),) = handling.handled
    assert event == OrderPlaced("o-1") and handled_envelope.event_id == "e-1"
    assert parked.calls == []


def test_duplicate_acks_a_repeated_event_without_running_the_handler_again() -> None:
    handling = InMemoryHandling()
    chain = consumer(handling=handling)

    first = chain.handle(PushRequest.with_body(JSON, push_body()))
    again = chain.handle(PushRequest.with_body(JSON, push_body()))

    assert (first.outcome, again.outcome, again.status) == (Outcome.HANDLED, Outcome.DUPLICATE, 204)
    assert len(handling.handled) == 1


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (push_body(envelope("OrderShipped")), "OrderShipped is not handled here"),
        (push_body(redrive_target="trainer-on-orders"), "a redrive meant for 'trainer-on-orders'"),
        (  # declared by its attribute as a type not handled here: ignored before its envelope is looked at
            wrapped_body(b"not an envelope", {"event_type": "OrderShipped"}),
            "OrderShipped is not handled here",
        ),
    ],
    ids=["type not handled here", "redrive for another consumer", "unhandled type, malformed envelope"],
)
def test_ignored_acks_without_work(body: bytes, detail: str) -> None:
    result, handling, parked = _push(body)

    assert (result.outcome, result.status, result.detail) == (Outcome.IGNORED, 204, detail)
    assert (handling.handled, parked.calls) == ([], [])


def test_a_redrive_meant_for_this_consumer_is_handled() -> None:
    result, handling, _ = _push(push_body(redrive_target=CONSUMER))

    assert result.outcome is Outcome.HANDLED and len(handling.handled) == 1


@pytest.mark.parametrize(
    "error",
    [TransientError("later"), DeadlineExceeded("budget spent"), ConnectionError("emulator down"), RuntimeError("?")],
    ids=["TransientError", "deadline", "connection", "unknown"],
)
def test_retry_answers_503_and_parks_nothing(error: Exception) -> None:
    result, _, parked = _push(push_body(), handler=_raising(error))

    assert (result.outcome, result.status) == (Outcome.RETRY, 503)
    assert result.detail == f"{type(error).__name__}: {error}"
    assert parked.calls == []


@pytest.mark.parametrize(
    ("handler", "body", "error_class"),
    [
        (_raising(PermanentError("never")), push_body(), "PermanentError"),
        (_raising(DomainRuleBroken("hour taken")), push_body(), "DomainRuleBroken"),
        (_raising(ValueError("refund must be 0, 1 or 2")), push_body(), "ValueError"),
        (None, push_body(envelope("Nope")), "UnknownEventType"),
        (None, wrapped_body(b"not json", {"event_type": "OrderPlaced"}), "MalformedEnvelope"),
        (None, b'{"message": {"data": "e30="}}', "MalformedPushRequest"),  # no messageId: no push form
    ],
    ids=[
        "PermanentError",
        "declared domain error",
        "deterministic error",
        "unknown type",
        "malformed envelope",
        "unparseable body",
    ],
)
def test_parked_acks_once_the_copy_is_stored(handler: Any, body: bytes, error_class: str) -> None:
    result, handling, parked = _push(body, handler=handler)

    assert (result.outcome, result.status) == (Outcome.PARKED, 204)
    ((topic, _, attributes),) = parked.calls
    assert (topic, attributes["error_class"], attributes["consumer"]) == (
        f"{CONSUMER}-dead-letter",
        error_class,
        CONSUMER,
    )
    assert handling.handled == []


@pytest.mark.parametrize(
    ("handler", "body"),
    [(_raising(PermanentError("never")), push_body()), (None, b"\xff not a push")],
    ids=["permanent error", "unparseable body"],
)
def test_park_failed_answers_503_when_the_copy_is_not_stored(handler: Any, body: bytes) -> None:
    result, _, _ = _push(body, handler=handler, parked=Parked(failure=ConnectionError("dead-letter topic down")))

    assert (result.outcome, result.status) == (Outcome.PARK_FAILED, 503)


@pytest.mark.parametrize(
    ("authenticator", "outcome", "status"),
    [(unauthenticated(), Outcome.UNAUTHENTICATED, 401), (forbidden(), Outcome.FORBIDDEN, 403)],
    ids=["401", "403"],
)
def test_a_refused_token_does_nothing_else(authenticator: Any, outcome: Outcome, status: int) -> None:
    handling, parked = InMemoryHandling(), Parked()

    def unread() -> bytes:
        raise AssertionError("the body of a refused request is never read")

    request = PushRequest.of({"Authorization": "Bearer forged"}, unread)
    result = consumer(authenticator=authenticator, handling=handling, parked=parked).handle(request)

    assert (result.outcome, result.status) == (outcome, status)
    assert authenticator.calls == ["Bearer forged"]
    assert (handling.handled, parked.calls) == ([], [])


def _chunked_past_the_limit() -> bytes:
    raise BodyTooLarge(MAX_PUSH_BODY_BYTES + 1, MAX_PUSH_BODY_BYTES)


@pytest.mark.parametrize(
    ("headers", "read_body", "limit"),
    [
        ({"x-goog-pubsub-message-id": "m-1"}, lambda: b"x" * (MAX_MESSAGE_BYTES + 1), MAX_MESSAGE_BYTES),
        (JSON, lambda: b"{" * (MAX_PUSH_BODY_BYTES + 1), MAX_PUSH_BODY_BYTES),
        (JSON, lambda: b'{"message": {"data": "' + b"A" * MAX_MESSAGE_BYTES + b'"}}', MAX_MESSAGE_BYTES),
        (JSON, _chunked_past_the_limit, MAX_PUSH_BODY_BYTES),
    ],
    ids=[
        "data over the message size",
        "body over the push limit",
        "unparseable body over the message size",
        "chunked body past the limit",
    ],
)
def test_too_large_answers_413_and_parks_nothing(headers: dict[str, str], read_body: Any, limit: int) -> None:
    handling, parked = InMemoryHandling(), Parked()

    result = consumer(handling=handling, parked=parked).handle(PushRequest.of(headers, read_body))

    assert (result.outcome, result.status) == (Outcome.TOO_LARGE, 413)
    assert f"over its limit of {limit} bytes" in result.detail
    assert (handling.handled, parked.calls) == ([], [])


def test_every_outcome_of_the_table_has_a_row_here() -> None:
    rows = {
        Outcome.HANDLED, Outcome.DUPLICATE, Outcome.IGNORED, Outcome.RETRY, Outcome.PARKED,
        Outcome.PARK_FAILED, Outcome.UNAUTHENTICATED, Outcome.FORBIDDEN, Outcome.TOO_LARGE,
    }  # fmt: skip
    assert rows == set(Outcome)
