"""Read every dead-letter subscription of the topology until it stays empty."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from ops.local_stack.topology import Topology


@dataclass(frozen=True)
class DeadLetter:
    consumer: str
    data: bytes
    attributes: dict[str, str]


def pull_all_dead_letters(project: str, topology: Topology, quiet_seconds: float = 2.0) -> list[DeadLetter]:
    """Pull and ack every dead-letter subscription until none yields anything for ``quiet_seconds``."""
    subscriber = _subscriber()
    found: list[DeadLetter] = []
    quiet_since = time.monotonic()
    try:
        while time.monotonic() - quiet_since < quiet_seconds:
            got = 0
            for consumer in topology.consumers:
                path = subscriber.subscription_path(project, consumer.dead_letter_subscription)
                # return_immediately: an empty pull on the emulator otherwise waits about 4 s per subscription
                request = {"subscription": path, "max_messages": 100, "return_immediately": True}
                response = subscriber.pull(request=request, timeout=5)
                if not response.received_messages:
                    continue
                got += len(response.received_messages)
                subscriber.acknowledge(
                    request={"subscription": path, "ack_ids": [m.ack_id for m in response.received_messages]}
                )
                found += [
                    DeadLetter(consumer.name, m.message.data, dict(m.message.attributes))
                    for m in response.received_messages
                ]
            if got:
                quiet_since = time.monotonic()
            else:
                time.sleep(0.2)
    finally:
        subscriber.close()
    return found


def _subscriber() -> Any:
    """A subscriber that accepts parked copies up to the 10 MB Pub/Sub limit (gRPC's default is 4 MB)."""
    import grpc
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]
    from google.pubsub_v1.services.subscriber.transports import SubscriberGrpcTransport

    host = os.environ.get("PUBSUB_EMULATOR_HOST")
    if not host:
        return pubsub_v1.SubscriberClient()
    channel = grpc.insecure_channel(host, options=[("grpc.max_receive_message_length", -1)])
    return pubsub_v1.SubscriberClient(transport=SubscriberGrpcTransport(channel=channel))
