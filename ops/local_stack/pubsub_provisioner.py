"""Create the topology in a Pub/Sub emulator: topics, dead-letter topics and push subscriptions.

Push endpoints are rewritten to the local function URLs (``endpoint_for(consumer)``). The
retry backoff may be shortened locally (``backoff_override``) so failure paths show up in
seconds instead of minutes; everything else (dead-letter policy, attempts, ordering, ack
deadline, filter) is taken as Terraform defines it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from ops.local_stack.topology import Consumer, Topology


@dataclass(frozen=True)
class BackoffOverride:
    minimum_seconds: float
    maximum_seconds: float


def provision_topology(
    project: str,
    topology: Topology,
    endpoint_for: Callable[[Consumer], str],
    backoff_override: BackoffOverride | None = None,
    ack_deadline_override: int | None = None,
) -> None:
    """Create every topic and subscription (idempotent: existing ones are left as they are)."""
    from google.api_core.exceptions import AlreadyExists
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]
    from google.protobuf import duration_pb2

    publisher = pubsub_v1.PublisherClient()
    subscriber = pubsub_v1.SubscriberClient()

    def ensure_topic(name: str) -> str:
        path = publisher.topic_path(project, name)
        with contextlib.suppress(AlreadyExists):
            publisher.create_topic(request={"name": path})
        return str(path)

    for topic in topology.topics.values():
        ensure_topic(topic)
    for consumer in topology.consumers:
        topic_path = publisher.topic_path(project, consumer.topic)
        dead_letter_path = ensure_topic(consumer.dead_letter_topic)
        with contextlib.suppress(AlreadyExists):
            subscriber.create_subscription(
                request={
                    "name": subscriber.subscription_path(project, consumer.dead_letter_subscription),
                    "topic": dead_letter_path,
                    "ack_deadline_seconds": 60,
                }
            )
        delivery = consumer.delivery
        minimum = backoff_override.minimum_seconds if backoff_override else delivery.minimum_backoff_seconds
        maximum = backoff_override.maximum_seconds if backoff_override else delivery.maximum_backoff_seconds
        request = {
            "name": subscriber.subscription_path(project, consumer.name),
            "topic": topic_path,
            "push_config": {"push_endpoint": endpoint_for(consumer)},
            "ack_deadline_seconds": ack_deadline_override or delivery.ack_deadline_seconds,
            "enable_message_ordering": consumer.ordering,
            "filter": consumer.filter_expression,
            "retry_policy": {
                "minimum_backoff": _duration(duration_pb2, minimum),
                "maximum_backoff": _duration(duration_pb2, maximum),
            },
            "dead_letter_policy": {
                "dead_letter_topic": dead_letter_path,
                "max_delivery_attempts": delivery.max_delivery_attempts,
            },
        }
        with contextlib.suppress(AlreadyExists):
            subscriber.create_subscription(request=request)
    subscriber.close()


def _duration(duration_pb2: object, seconds: float) -> object:
    whole = int(seconds)
    return duration_pb2.Duration(seconds=whole, nanos=int((seconds - whole) * 1e9))  # type: ignore[attr-defined]
