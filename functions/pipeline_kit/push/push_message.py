"""The Pub/Sub message carried by one push request, whatever form the request took."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

PushForm = Literal["wrapped", "unwrapped", "unwrapped-no-metadata", "cloudevent-binary", "cloudevent-structured"]
"""How the message arrived: Pub/Sub wrapped JSON, Pub/Sub ``no_wrapper`` with ``write_metadata``
(metadata and attributes in headers) or without it (the data alone), or a CloudEvent
(Eventarc / functions-framework) in binary or structured mode."""


@dataclass(frozen=True, slots=True)
class PushMessage:
    """One delivery of a Pub/Sub message.

    ``message_id`` is stable across redeliveries of the same message: it is the idempotency key.
    ``delivery_attempt`` is only known when the subscription has a dead-letter policy (and never
    from the emulator). In the unwrapped form attribute keys arrive as HTTP headers: they are
    lower-cased, and behind WSGI an ``_`` comes back as ``-`` (gunicorn even drops headers with
    ``_`` by default). Consumers that need exact attribute keys use wrapped push. Unwrapped push
    without metadata carries no attributes and no message id: ``message_id`` is then derived from
    the data (``sha256:<hex>``, the same for every redelivery) and the consumer works from the
    event envelope in the data.
    """

    data: bytes
    attributes: Mapping[str, str]
    message_id: str
    publish_time: str | None
    ordering_key: str | None
    delivery_attempt: int | None
    subscription: str | None
    form: PushForm
