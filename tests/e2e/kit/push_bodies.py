"""Push requests in every form Pub/Sub and Eventarc send, built by hand for direct POSTs."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

MESSAGE_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished"


@dataclass(frozen=True)
class PushRequest:
    headers: dict[str, str]
    body: bytes


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def wrapped_camel_case(data: bytes, attributes: Mapping[str, str], message_id: str, subscription: str) -> PushRequest:
    body = {
        "message": {
            "data": base64.b64encode(data).decode(),
            "attributes": dict(attributes),
            "messageId": message_id,
            "publishTime": _now(),
        },
        "subscription": subscription,
        "deliveryAttempt": 1,
    }
    return PushRequest({"Content-Type": "application/json"}, json.dumps(body).encode())


def wrapped_snake_case(data: bytes, attributes: Mapping[str, str], message_id: str, subscription: str) -> PushRequest:
    body = {
        "message": {
            "data": base64.b64encode(data).decode(),
            "attributes": dict(attributes),
            "message_id": message_id,
            "publish_time": _now(),
        },
        "subscription": subscription,
        "delivery_attempt": 1,
    }
    return PushRequest({"Content-Type": "application/json"}, json.dumps(body).encode())


def unwrapped(data: bytes, attributes: Mapping[str, str], message_id: str, subscription: str) -> PushRequest:
    """``no_wrapper`` + ``write_metadata``, as the emulator sends it (form-urlencoded)."""
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "x-goog-pubsub-message-id": message_id,
        "x-goog-pubsub-publish-time": _now(),
        "x-goog-pubsub-subscription-name": subscription,
        **dict(attributes),
    }
    return PushRequest(headers, data)


def unwrapped_no_metadata(
    data: bytes, attributes: Mapping[str, str], message_id: str, subscription: str
) -> PushRequest:
    """``no_wrapper`` without ``write_metadata`` (Google's default): the data and nothing else."""
    return PushRequest({"Content-Type": "application/json"}, data)


def _pubsub_data(data: bytes, attributes: Mapping[str, str], message_id: str, subscription: str) -> dict[str, object]:
    return {
        "message": {"data": base64.b64encode(data).decode(), "attributes": dict(attributes), "messageId": message_id},
        "subscription": subscription,
    }


def cloud_event_binary(data: bytes, attributes: Mapping[str, str], message_id: str, subscription: str) -> PushRequest:
    headers = {
        "Content-Type": "application/json",
        "ce-id": message_id,
        "ce-source": "//pubsub.googleapis.com/projects/wild-workouts-test/topics/counter",
        "ce-specversion": "1.0",
        "ce-type": MESSAGE_PUBLISHED,
        "ce-time": _now(),
    }
    return PushRequest(headers, json.dumps(_pubsub_data(data, attributes, message_id, subscription)).encode())


def cloud_event_structured(
    data: bytes, attributes: Mapping[str, str], message_id: str, subscription: str
) -> PushRequest:
    event = {
        "specversion": "1.0",
        "type": MESSAGE_PUBLISHED,
        "source": "//pubsub.googleapis.com/projects/wild-workouts-test/topics/counter",
        "id": message_id,
        "time": _now(),
        "datacontenttype": "application/json",
        "data": _pubsub_data(data, attributes, message_id, subscription),
    }
    return PushRequest({"Content-Type": "application/cloudevents+json"}, json.dumps(event).encode())


ALL_FORMS = {
    "wrapped-camelCase": wrapped_camel_case,
    "wrapped-snake_case": wrapped_snake_case,
    "unwrapped": unwrapped,
    "unwrapped-no-metadata": unwrapped_no_metadata,
    "cloudevent-binary": cloud_event_binary,
    "cloudevent-structured": cloud_event_structured,
}
