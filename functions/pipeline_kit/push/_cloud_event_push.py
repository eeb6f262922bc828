"""A Pub/Sub ``messagePublished`` CloudEvent (Eventarc, functions-framework), binary or structured.

The event data is the same envelope as a wrapped push body. The message id and publish time fall
back to the event's ``id`` and ``time`` when the message lacks them. Any other event type is
rejected: this kit only consumes Pub/Sub messages.

Why not the ``cloudevents`` SDK (1.12, already loaded by functions-framework, so free at cold
start): its ``from_http`` requires ``id`` and ``source`` as well, and refuses before it looks at
``type`` or ``data``, with its own exceptions and wording ("Missing required attributes:
{'source'}"). Here only ``specversion`` and ``type`` decide (Pub/Sub's own CloudEvents carry the
rest, but a missing ``source`` is no reason to refuse a message), every refusal is a
``MalformedPushRequest`` with a reason that names the field and never echoes more than a short
preview (the golden fixtures and ``tests/unit/kit/push``'s tables assert those reasons), and
``data`` is parsed by the same bounded JSON reader as the other push forms. Adopting the SDK would
mean checks in front of it that leave it nothing to decide.
"""

from collections.abc import Mapping

from pipeline_kit.push._json_body import json_body
from pipeline_kit.push._pubsub_envelope import message_from_envelope
from pipeline_kit.push.malformed_push_request import MalformedPushRequest, preview
from pipeline_kit.push.push_message import PushMessage

MESSAGE_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished"
_SPEC_VERSION = "1.0"
_STRUCTURED_CONTENT_TYPE = "application/cloudevents+json"


def is_binary_cloud_event(headers: Mapping[str, str]) -> bool:
    return "ce-specversion" in headers or "ce-type" in headers


def is_structured_cloud_event(headers: Mapping[str, str]) -> bool:
    content_type = headers.get("content-type", "")
    return content_type.split(";", 1)[0].strip().lower() == _STRUCTURED_CONTENT_TYPE


def binary_cloud_event_message(headers: Mapping[str, str], body: bytes) -> PushMessage:
    """Event attributes in ``ce-*`` headers, the envelope as the JSON body."""
    _check_event(
        spec_version=headers.get("ce-specversion"),
        event_type=headers.get("ce-type"),
        where="header ce-",
    )
    return message_from_envelope(
        json_body(body, what="CloudEvent data"),
        form="cloudevent-binary",
        where="CloudEvent data",
        fallback_message_id=headers.get("ce-id") or None,
        fallback_publish_time=headers.get("ce-time") or None,
    )


def structured_cloud_event_message(body: bytes) -> PushMessage:
    """The whole event as JSON, the envelope under ``data``."""
    event = json_body(body, what="CloudEvent")
    if not isinstance(event, dict):
        raise MalformedPushRequest(f"CloudEvent must be a JSON object, got {preview(event)}")
    _check_event(spec_version=event.get("specversion"), event_type=event.get("type"), where="CloudEvent.")
    event_id = event.get("id")
    event_time = event.get("time")
    return message_from_envelope(
        event.get("data"),
        form="cloudevent-structured",
        where="CloudEvent.data",
        fallback_message_id=event_id if isinstance(event_id, str) and event_id else None,
        fallback_publish_time=event_time if isinstance(event_time, str) and event_time else None,
    )


def _check_event(*, spec_version: object, event_type: object, where: str) -> None:
    if spec_version != _SPEC_VERSION:
        raise MalformedPushRequest(f"{where}specversion must be {_SPEC_VERSION!r}, got {preview(spec_version)}")
    if event_type != MESSAGE_PUBLISHED:
        raise MalformedPushRequest(f"unsupported CloudEvent type {preview(event_type)} (expected {MESSAGE_PUBLISHED})")
