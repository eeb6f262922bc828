"""The ``{"message": {...}, "subscription": ..., "deliveryAttempt": N}`` envelope.

Pub/Sub's wrapped push body and the data of a ``messagePublished`` CloudEvent share it. Both the
camelCase and the snake_case spellings of each field are accepted (Pub/Sub sends both for
``messageId`` and ``publishTime``).
"""

import base64
import binascii
import types
from collections.abc import Mapping

from pipeline_kit.push.malformed_push_request import MalformedPushRequest, preview
from pipeline_kit.push.push_message import PushForm, PushMessage


def message_from_envelope(
    envelope: object,
    *,
    form: PushForm,
    where: str,
    fallback_message_id: str | None = None,
    fallback_publish_time: str | None = None,
) -> PushMessage:
    """Build a PushMessage from a decoded envelope, validating every field's type strictly.

    ``where`` names the envelope in error messages (``"body"``, ``"CloudEvent data"``). The
    fallbacks come from CloudEvent attributes (``id``, ``time``) when the message lacks them.
    """
    if not isinstance(envelope, dict):
        raise MalformedPushRequest(f"{where} must be a JSON object, got {preview(envelope)}")
    message = envelope.get("message")
    if not isinstance(message, dict):
        raise MalformedPushRequest(f"{where}.message must be a JSON object, got {preview(message)}")
    prefix = f"{where}.message"
    message_id = _optional_string(message, prefix, "messageId", "message_id") or fallback_message_id
    if not message_id:
        raise MalformedPushRequest(f"{prefix}.messageId is missing or empty")
    publish_time = _optional_string(message, prefix, "publishTime", "publish_time")
    return PushMessage(
        data=_data(message.get("data"), prefix),
        attributes=_attributes(message.get("attributes"), prefix),
        message_id=message_id,
        publish_time=publish_time or fallback_publish_time,
        ordering_key=_optional_string(message, prefix, "orderingKey", "ordering_key") or None,
        delivery_attempt=_delivery_attempt(envelope, where),
        subscription=_optional_string(envelope, where, "subscription", "subscription") or None,
        form=form,
    )


def _data(value: object, prefix: str) -> bytes:
    if value is None or value == "":
        return b""
    if not isinstance(value, str):
        raise MalformedPushRequest(f"{prefix}.data must be a base64 string, got {preview(value)}")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise MalformedPushRequest(f"{prefix}.data is not valid base64") from None


def _attributes(value: object, prefix: str) -> Mapping[str, str]:
    if value is None:
        return types.MappingProxyType({})
    if not isinstance(value, dict):
        raise MalformedPushRequest(f"{prefix}.attributes must be a JSON object, got {preview(value)}")
    for key, item in value.items():
        if not isinstance(item, str):
            raise MalformedPushRequest(f"{prefix}.attributes[{preview(key)}] must be a string, got {preview(item)}")
    return types.MappingProxyType(dict(value))


def _optional_string(container: dict[str, object], prefix: str, camel: str, snake: str) -> str:
    """The field under its camelCase name, else its snake_case name; "" when absent or null."""
    for key in (camel, snake):
        value = container.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise MalformedPushRequest(f"{prefix}.{key} must be a string, got {preview(value)}")
        if value:
            return value
    return ""


def _delivery_attempt(envelope: dict[str, object], where: str) -> int | None:
    for key in ("deliveryAttempt", "delivery_attempt"):
        value = envelope.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise MalformedPushRequest(f"{where}.{key} must be a positive integer, got {preview(value)}")
        return value
    return None
