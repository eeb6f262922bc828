"""The push endpoint's limits run before its work: a length over the limit is refused before the
token is looked at, a token is checked before the body is read, and a chunked body is read no
further than one byte past the limit."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, request

from pipeline_kit.auth.access_denied import Unauthenticated
from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.http.push_endpoint import push_response
from pipeline_kit.push.message_size import MAX_PUSH_BODY_BYTES
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.push_consumer import PushConsumer
from tests.counting_input import CountingInput

pytestmark = pytest.mark.unit


class Authenticator:
    """Accepts ``Bearer good`` only, and counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def authenticate(self, authorization: str | None) -> None:
        self.calls += 1
        if authorization != "Bearer good":
            raise Unauthenticated("missing_token")


def _refuse(*_: Any) -> Any:
    raise AssertionError("a refused request must not reach Firestore or parking")


def _consumer(authenticator: Authenticator) -> PushConsumer:
    registry = EventRegistry([])
    spec = ConsumerSpec(name="c", source_topic="t", dead_letter_topic="c-dead-letter", handlers={})
    emitter = EventEmitter(registry, topic_for=lambda _: "unused")
    return PushConsumer(spec, registry, emitter, authenticator, client_factory=_refuse, park_fn=_refuse)


def _answer(
    authenticator: Authenticator, source: CountingInput, *, content_length: int | None, token: str | None
) -> tuple[int, dict[str, Any]]:
    environ: dict[str, Any] = {"wsgi.input": source, "wsgi.input_terminated": True}
    if content_length is None:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        environ["CONTENT_LENGTH"] = str(content_length)
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    with Flask(__name__).test_request_context("/", method="POST", headers=headers, environ_overrides=environ):
        response, status = push_response(_consumer(authenticator), request)
        assert request.get_data() == b""  # functions-framework's read of the rest after the answer
        return status, response.get_json()


def test_a_length_over_the_limit_is_refused_before_the_token_and_unread() -> None:
    authenticator, source = Authenticator(), CountingInput(b"{}")

    status, body = _answer(authenticator, source, content_length=32 * 1024 * 1024, token=None)

    assert (status, body["outcome"]) == (413, "too_large")
    assert (authenticator.calls, source.taken) == (0, 0)


def test_a_chunked_body_without_a_token_is_refused_unread() -> None:
    authenticator, source = Authenticator(), CountingInput(b"x" * (MAX_PUSH_BODY_BYTES + 10))

    status, body = _answer(authenticator, source, content_length=None, token=None)

    assert (status, body["outcome"]) == (401, "unauthenticated")
    assert (authenticator.calls, source.taken) == (1, 0)


def test_a_chunked_body_over_the_limit_is_refused_one_byte_past_it() -> None:
    authenticator, source = Authenticator(), CountingInput(b"x" * (MAX_PUSH_BODY_BYTES + 1024 * 1024))

    status, body = _answer(authenticator, source, content_length=None, token="good")

    assert (status, body["outcome"]) == (413, "too_large")
    assert f"at least {MAX_PUSH_BODY_BYTES + 1} bytes" in body["message"]
    assert source.taken == MAX_PUSH_BODY_BYTES + 1
