"""One function that turns any Pub/Sub push request into a PushMessage.

Forms, checked in this order:

1. CloudEvent, binary mode: a ``ce-specversion`` or ``ce-type`` header.
2. CloudEvent, structured mode: ``Content-Type: application/cloudevents+json``.
3. Unwrapped (``no_wrapper`` with ``write_metadata``): an ``x-goog-pubsub-message-id`` header;
   the raw body is the data, whatever its content type (the emulator says form-urlencoded).
4. Unwrapped without metadata: no such header, and the body is a JSON object with none of the
   wrapped envelope's members (the data itself, e.g. the kit's event envelope).
5. Otherwise the wrapped JSON body Pub/Sub sends by default.

Stdlib only and no I/O: it runs on the cold-start path.
"""

from collections.abc import Iterable
from typing import Protocol

from pipeline_kit.push._cloud_event_push import (
    binary_cloud_event_message,
    is_binary_cloud_event,
    is_structured_cloud_event,
    structured_cloud_event_message,
)
from pipeline_kit.push._json_body import json_body
from pipeline_kit.push._pubsub_envelope import message_from_envelope
from pipeline_kit.push._unwrapped_push import (
    data_only_message,
    is_data_only_body,
    is_unwrapped_push,
    unwrapped_message,
)
from pipeline_kit.push.push_message import PushMessage


class RequestHeaders(Protocol):
    """What is read from headers: a plain dict and Flask's ``request.headers`` both fit."""

    def items(self) -> Iterable[tuple[str, str]]: ...


def parse_push_request(headers: RequestHeaders, body: bytes) -> PushMessage:
    """Parse one push request; raise MalformedPushRequest when it is not a Pub/Sub message.

    ``headers`` may be a plain dict or Flask's ``request.headers``; names are compared
    case-insensitively. Nothing but MalformedPushRequest is ever raised, whatever the input.
    """
    normalised = {name.lower(): value for name, value in headers.items()}
    if is_binary_cloud_event(normalised):
        return binary_cloud_event_message(normalised, body)
    if is_structured_cloud_event(normalised):
        return structured_cloud_event_message(body)
    if is_unwrapped_push(normalised):
        return unwrapped_message(normalised, body)
    decoded = json_body(body, what="body")
    if is_data_only_body(decoded):
        return data_only_message(body)
    return message_from_envelope(decoded, form="wrapped", where="body")
