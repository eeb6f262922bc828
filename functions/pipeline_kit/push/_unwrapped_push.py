"""Pub/Sub ``no_wrapper`` push: the body is the data, metadata and attributes are headers.

Every header that is not transport (HTTP, proxies, tracing, ``x-goog-*``, ``ce-*``) is taken as an
attribute, under its lower-cased name: header names cannot carry the attribute key's exact case.
"""

import types
from collections.abc import Mapping

from pipeline_kit.push.malformed_push_request import MalformedPushRequest, preview
from pipeline_kit.push.push_message import PushMessage

MESSAGE_ID_HEADER = "x-goog-pubsub-message-id"
_PUBLISH_TIME_HEADER = "x-goog-pubsub-publish-time"
_SUBSCRIPTION_HEADER = "x-goog-pubsub-subscription-name"
_ORDERING_KEY_HEADER = "x-goog-pubsub-ordering-key"
_DELIVERY_ATTEMPT_HEADER = "x-goog-pubsub-delivery-attempt"

_TRANSPORT_HEADERS = frozenset(
    {
        "host",
        "content-type",
        "content-length",
        "content-encoding",
        "transfer-encoding",
        "user-agent",
        "authorization",
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "upgrade",
        "expect",
        "forwarded",
        "via",
        "from",
        "cookie",
        "pragma",
        "cache-control",
        "priority",
        "traceparent",
        "tracestate",
        "baggage",
    }
)
_TRANSPORT_PREFIXES = ("accept", "x-forwarded-", "x-goog-", "x-cloud-", "x-appengine-", "ce-")


def is_unwrapped_push(headers: Mapping[str, str]) -> bool:
    """Unwrapped push with ``write_metadata`` always carries the message id header."""
    return MESSAGE_ID_HEADER in headers


def unwrapped_message(headers: Mapping[str, str], body: bytes) -> PushMessage:
    """Build the message from lower-cased ``headers`` and the raw body (any content type)."""
    message_id = headers.get(MESSAGE_ID_HEADER, "")
    if not message_id:
        raise MalformedPushRequest(f"header {MESSAGE_ID_HEADER} is empty")
    return PushMessage(
        data=body,
        attributes=types.MappingProxyType({name: value for name, value in headers.items() if _is_attribute(name)}),
        message_id=message_id,
        publish_time=headers.get(_PUBLISH_TIME_HEADER) or None,
        ordering_key=headers.get(_ORDERING_KEY_HEADER) or None,
        delivery_attempt=_delivery_attempt(headers.get(_DELIVERY_ATTEMPT_HEADER)),
        subscription=headers.get(_SUBSCRIPTION_HEADER) or None,
        form="unwrapped",
    )


def _is_attribute(name: str) -> bool:
    return name not in _TRANSPORT_HEADERS and not name.startswith(_TRANSPORT_PREFIXES)


def _delivery_attempt(value: str | None) -> int | None:
    if not value:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or int(text) < 1:
        raise MalformedPushRequest(
            f"header {_DELIVERY_ATTEMPT_HEADER} must be a positive integer, got {preview(value)}"
        )
    return int(text)
