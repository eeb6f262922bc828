"""Unwrapped push without ``write_metadata``: the body is the data, and nothing else arrives."""

import json

import pytest

from pipeline_kit.push import MalformedPushRequest, parse_push_request

pytestmark = pytest.mark.unit

ENVELOPE = json.dumps({"event_id": "e-1", "type": "TrainingCanceled", "version": 1, "payload": {}}).encode()


def test_the_data_is_the_body_and_the_id_is_the_same_on_every_redelivery() -> None:
    first = parse_push_request({"Content-Type": "application/json"}, ENVELOPE)
    again = parse_push_request({"content-type": "application/x-www-form-urlencoded"}, ENVELOPE)
    other = parse_push_request({}, ENVELOPE.replace(b"e-1", b"e-2"))

    assert (first.form, first.data, dict(first.attributes)) == ("unwrapped-no-metadata", ENVELOPE, {})
    assert first.message_id == again.message_id != other.message_id
    assert first.message_id.startswith("sha256:")


@pytest.mark.parametrize(
    "body",
    [b'{"subscription": "s"}', b'{"message": 1}', b'{"deliveryAttempt": 2}', b"[1]", b"not json"],
    ids=["subscription only", "message not an object", "delivery attempt only", "array", "not JSON"],
)
def test_a_broken_wrapped_body_is_still_malformed(body: bytes) -> None:
    with pytest.raises(MalformedPushRequest):
        parse_push_request({"Content-Type": "application/json"}, body)


def test_with_a_message_id_header_it_is_the_unwrapped_form_with_metadata() -> None:
    message = parse_push_request({"x-goog-pubsub-message-id": "7"}, ENVELOPE)

    assert (message.form, message.message_id) == ("unwrapped", "7")
