"""Whatever arrives, the parser answers with a PushMessage or MalformedPushRequest, nothing else."""

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_kit.push import MalformedPushRequest, PushMessage, parse_push_request

pytestmark = pytest.mark.unit

EXAMPLES = settings(max_examples=500, derandomize=True, deadline=None, database=None)

INTERESTING_HEADERS = [
    "Content-Type",
    "ce-id",
    "ce-specversion",
    "ce-type",
    "ce-time",
    "x-goog-pubsub-message-id",
    "x-goog-pubsub-delivery-attempt",
    "x-goog-pubsub-ordering-key",
    "x-goog-pubsub-subscription-name",
    "event_type",
]
INTERESTING_VALUES = [
    "1.0",
    "application/cloudevents+json",
    "application/json",
    "google.cloud.pubsub.topic.v1.messagePublished",
    "0",
    "3",
    "",
]

header_names = st.sampled_from(INTERESTING_HEADERS) | st.text(min_size=1, max_size=20)
header_values = st.sampled_from(INTERESTING_VALUES) | st.text(max_size=40)
headers = st.dictionaries(header_names, header_values, max_size=6)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
field_names = st.sampled_from(
    [
        "data",
        "attributes",
        "messageId",
        "message_id",
        "publishTime",
        "orderingKey",
        "ordering_key",
        "deliveryAttempt",
        "delivery_attempt",
        "subscription",
        "message",
        "specversion",
        "type",
        "id",
    ]
)
field_values = (
    json_values
    | st.binary(max_size=20).map(lambda raw: base64.b64encode(raw).decode())
    | st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3)
)
message_like = st.dictionaries(field_names, field_values, max_size=6)
envelope_like = st.fixed_dictionaries(
    {"message": message_like | json_values},
    optional={
        "subscription": field_values,
        "deliveryAttempt": field_values,
        "delivery_attempt": field_values,
        "specversion": st.just("1.0") | json_values,
        "type": st.just("google.cloud.pubsub.topic.v1.messagePublished") | json_values,
        "data": message_like | json_values,
    },
)
bodies = (
    st.binary(max_size=200)
    | json_values.map(lambda value: json.dumps(value).encode())
    | envelope_like.map(lambda value: json.dumps(value).encode())
)


def _parse_or_refuse(request_headers: dict[str, str], body: bytes) -> None:
    try:
        message = parse_push_request(request_headers, body)
    except MalformedPushRequest:
        return
    assert isinstance(message, PushMessage)
    assert isinstance(message.data, bytes)
    assert message.message_id
    assert all(isinstance(value, str) for value in message.attributes.values())
    assert message.delivery_attempt is None or message.delivery_attempt >= 1


@EXAMPLES
@given(request_headers=headers, body=bodies)
def test_any_request_is_parsed_or_refused(request_headers: dict[str, str], body: bytes) -> None:
    _parse_or_refuse(request_headers, body)


@EXAMPLES
@given(envelope=envelope_like)
def test_any_wrapped_envelope_is_parsed_or_refused(envelope: dict[str, object]) -> None:
    _parse_or_refuse({"content-type": "application/json"}, json.dumps(envelope).encode())


@EXAMPLES
@given(event=envelope_like)
def test_any_structured_cloud_event_is_parsed_or_refused(event: dict[str, object]) -> None:
    _parse_or_refuse({"content-type": "application/cloudevents+json"}, json.dumps(event).encode())


@EXAMPLES
@given(
    data=st.binary(max_size=64),
    attributes=st.dictionaries(st.text(min_size=1, max_size=10), st.text(max_size=10), max_size=4),
    message_id=st.text(min_size=1, max_size=20),
    delivery_attempt=st.none() | st.integers(min_value=1, max_value=1000),
)
def test_valid_wrapped_message_round_trips(
    data: bytes, attributes: dict[str, str], message_id: str, delivery_attempt: int | None
) -> None:
    envelope: dict[str, object] = {
        "message": {
            "data": base64.b64encode(data).decode(),
            "attributes": attributes,
            "messageId": message_id,
        }
    }
    if delivery_attempt is not None:
        envelope["deliveryAttempt"] = delivery_attempt

    message = parse_push_request({}, json.dumps(envelope).encode())

    assert message.data == data
    assert dict(message.attributes) == attributes
    assert message.message_id == message_id
    assert message.delivery_attempt == delivery_attempt
    assert message.form == "wrapped"
