"""Reading what a module published to its (fresh) topic in an integration test."""

from __future__ import annotations

import json
from typing import Any


def pull_envelopes(subscription: str, expected: int, attempts: int = 5) -> list[dict[str, Any]]:
    """The event envelopes on ``subscription`` (acked), pulling until ``expected`` arrived."""
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    subscriber = pubsub_v1.SubscriberClient()
    envelopes: list[dict[str, Any]] = []
    try:
        for _ in range(attempts):
            pulled = subscriber.pull(subscription=subscription, max_messages=50, timeout=10)
            if pulled.received_messages:
                envelopes.extend(json.loads(item.message.data) for item in pulled.received_messages)
                subscriber.acknowledge(
                    subscription=subscription, ack_ids=[item.ack_id for item in pulled.received_messages]
                )
            if len(envelopes) >= expected:
                break
    finally:
        subscriber.close()
    return envelopes
