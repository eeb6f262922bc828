"""Pub/Sub ``no_wrapper`` push: the body is the data.

With ``write_metadata`` the metadata and attributes are headers: every header that is not
transport (HTTP, proxies, tracing, ``x-goog-*``, ``ce-*``) is taken as an attribute, under its
lower-cased name (header names cannot carry the attribute key's exact case).

Without it (Google's default for a no-wrapper subscription) nothing but the data arrives: no
message id, no attributes. Such a request is told from a wrapped one by its body: a JSON object
with none of the wrapped envelope's members (``message``, ``subscription``, ``deliveryAttempt``)
is taken as the data itself (the kit's event envelope is such an object, and carries the event
id and type that deduplication and routing need). Anything else still has to be a valid wrapped
body, so a broken wrapped request stays a malformed one.
"""

import hashlib
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


_WRAPPED_MEMBERS = frozenset({"message", "subscription", "deliveryAttempt", "delivery_attempt"})


def is_data_only_body(decoded: object) -> bool:
    """A JSON object that is not a wrapped push envelope: unwrapped push without metadata."""
    return isinstance(decoded, dict) and not _WRAPPED_MEMBERS & decoded.keys()


def data_only_message(body: bytes) -> PushMessage:
    """The message of an unwrapped push without metadata: the body as data, an id derived from it."""
    return PushMessage(
        data=body,
        attributes=types.MappingProxyType({}),
        message_id=f"sha256:{hashlib.sha256(body).hexdigest()[:32]}",
        publish_time=None,
        ordering_key=None,
        delivery_attempt=None,
        subscription=None,
        form="unwrapped-no-metadata",
    )
