"""Requests that are not Pub/Sub messages: each one is refused with a message saying why."""

import base64
import json

import pytest

from pipeline_kit.push import MalformedPushRequest, parse_push_request

pytestmark = pytest.mark.unit

JSON = {"Content-Type": "application/json"}
PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished"
BINARY_CE = {"ce-id": "1", "ce-specversion": "1.0", "ce-type": PUBLISHED, "ce-source": "//x"}
STRUCTURED_CE = {"Content-Type": "application/cloudevents+json"}


def _wrapped(message: object, **envelope: object) -> bytes:
    return json.dumps({"message": message, **envelope}).encode()


MALFORMED: list[tuple[str, dict[str, str], bytes, str]] = [
    ("empty body", JSON, b"", "body is not valid JSON"),
    ("truncated JSON", JSON, b'{"message": {"messageId": "1"', "body is not valid JSON"),
    ("not UTF-8", JSON, b'{"message": "\xff"}', "body is not UTF-8"),
    ("body is an array", JSON, b"[1, 2]", "body must be a JSON object"),
    ("message missing", JSON, b'{"subscription": "s"}', "body.message must be a JSON object"),
    ("message not an object", JSON, _wrapped("hello"), "body.message must be a JSON object"),
    ("message is null", JSON, _wrapped(None), "body.message must be a JSON object"),
    ("messageId missing", JSON, _wrapped({"data": "aGk="}), "messageId is missing"),
    ("messageId empty", JSON, _wrapped({"messageId": ""}), "messageId is missing"),
    ("messageId a number", JSON, _wrapped({"messageId": 12}), "messageId must be a string"),
    ("message_id a list", JSON, _wrapped({"message_id": []}), "message_id must be a string"),
    ("bad base64", JSON, _wrapped({"messageId": "1", "data": "not base64!"}), "not valid base64"),
    ("base64 bad padding", JSON, _wrapped({"messageId": "1", "data": "aGk"}), "not valid base64"),
    ("data a number", JSON, _wrapped({"messageId": "1", "data": 5}), "data must be a base64"),
    (
        "attributes a list",
        JSON,
        _wrapped({"messageId": "1", "attributes": ["a"]}),
        "attributes must be a JSON object",
    ),
    (
        "attribute value a number",
        JSON,
        _wrapped({"messageId": "1", "attributes": {"a": 1}}),
        "attributes['a'] must be a string",
    ),
    (
        "publishTime a number",
        JSON,
        _wrapped({"messageId": "1", "publishTime": 1}),
        "publishTime must be a string",
    ),
    (
        "orderingKey an object",
        JSON,
        _wrapped({"messageId": "1", "orderingKey": {}}),
        "orderingKey must be a string",
    ),
    (
        "deliveryAttempt a string",
        JSON,
        _wrapped({"messageId": "1"}, deliveryAttempt="abc"),
        "deliveryAttempt must be a positive integer, got 'abc'",
    ),
    (
        "deliveryAttempt zero",
        JSON,
        _wrapped({"messageId": "1"}, deliveryAttempt=0),
        "deliveryAttempt must be a positive integer",
    ),
    (
        "deliveryAttempt a boolean",
        JSON,
        _wrapped({"messageId": "1"}, delivery_attempt=True),
        "delivery_attempt must be a positive integer",
    ),
    (
        "deliveryAttempt a float",
        JSON,
        _wrapped({"messageId": "1"}, deliveryAttempt=1.5),
        "deliveryAttempt must be a positive integer",
    ),
    (
        "subscription a number",
        JSON,
        _wrapped({"messageId": "1"}, subscription=3),
        "subscription must be a string",
    ),
    ("absurd nesting", JSON, b"[" * 100_000 + b"]" * 100_000, "body is not"),
    ("huge integer", JSON, b'{"message": ' + b"9" * 5000 + b"}", "body is not"),
    (
        "unwrapped with empty message id",
        {"x-goog-pubsub-message-id": ""},
        b"data",
        "x-goog-pubsub-message-id is empty",
    ),
    (
        "unwrapped delivery attempt not a number",
        {"x-goog-pubsub-message-id": "1", "x-goog-pubsub-delivery-attempt": "abc"},
        b"data",
        "x-goog-pubsub-delivery-attempt must be a positive integer",
    ),
    (
        "unwrapped delivery attempt zero",
        {"x-goog-pubsub-message-id": "1", "x-goog-pubsub-delivery-attempt": "0"},
        b"data",
        "x-goog-pubsub-delivery-attempt must be a positive integer",
    ),
    (
        "CloudEvent of another type",
        {**BINARY_CE, "ce-type": "google.cloud.storage.object.v1.finalized"},
        _wrapped({"messageId": "1"}),
        "unsupported CloudEvent type 'google.cloud.storage.object.v1.finalized'",
    ),
    (
        "CloudEvent without a type",
        {"ce-specversion": "1.0", "ce-id": "1"},
        _wrapped({"messageId": "1"}),
        "unsupported CloudEvent type None",
    ),
    (
        "CloudEvent of another spec version",
        {**BINARY_CE, "ce-specversion": "0.3"},
        _wrapped({"messageId": "1"}),
        "specversion must be '1.0'",
    ),
    ("binary CloudEvent body not JSON", BINARY_CE, b"{", "CloudEvent data is not valid JSON"),
    (
        "binary CloudEvent without message",
        BINARY_CE,
        b'{"subscription": "s"}',
        "CloudEvent data.message must be a JSON object",
    ),
    ("structured CloudEvent not JSON", STRUCTURED_CE, b"nope", "CloudEvent is not valid JSON"),
    ("structured CloudEvent an array", STRUCTURED_CE, b"[]", "CloudEvent must be a JSON object"),
    (
        "structured CloudEvent of another type",
        STRUCTURED_CE,
        json.dumps({"specversion": "1.0", "type": "com.example.other", "id": "1"}).encode(),
        "unsupported CloudEvent type 'com.example.other'",
    ),
    (
        "structured CloudEvent without data",
        STRUCTURED_CE,
        json.dumps({"specversion": "1.0", "type": PUBLISHED, "id": "1"}).encode(),
        "CloudEvent.data must be a JSON object",
    ),
]


@pytest.mark.parametrize(
    ("headers", "body", "says"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_request_is_refused_with_a_reason(headers: dict[str, str], body: bytes, says: str) -> None:
    with pytest.raises(MalformedPushRequest) as raised:
        parse_push_request(headers, body)

    assert says in str(raised.value)


def test_error_message_never_echoes_huge_input() -> None:
    huge = "x" * 100_000
    requests = [
        (JSON, _wrapped({"messageId": huge, "data": 1})),
        (JSON, _wrapped({"messageId": "1", "attributes": {huge: 1}})),
        (JSON, _wrapped({"messageId": "1"}, deliveryAttempt=huge)),
        (JSON, _wrapped(huge)),
        (STRUCTURED_CE, json.dumps({"specversion": "1.0", "type": huge}).encode()),
        ({"x-goog-pubsub-message-id": "1", "x-goog-pubsub-delivery-attempt": huge}, b""),
    ]
    for headers, body in requests:
        with pytest.raises(MalformedPushRequest) as raised:
            parse_push_request(headers, body)
        assert len(str(raised.value)) < 200, str(raised.value)[:300]


def test_malformed_push_request_is_a_value_error() -> None:
    assert issubclass(MalformedPushRequest, ValueError)


def test_urlsafe_base64_is_refused() -> None:
    data = base64.urlsafe_b64encode(b"\xfb\xff").decode()
    assert "-" in data or "_" in data

    with pytest.raises(MalformedPushRequest, match="not valid base64"):
        parse_push_request(JSON, _wrapped({"messageId": "1", "data": data}))
