"""A source topic with a pull subscription and a consumer's dead-letter topic and subscription,
fresh names per test, on the session's Pub/Sub emulator."""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import dataclass
from typing import Any

from google.cloud import pubsub_v1  # type: ignore[attr-defined]

from pipeline_kit.deadletter.parking import parking_attributes


@dataclass(frozen=True)
class DeadLetterSetup:
    project: str
    source_topic: str
    source_subscription: str
    consumer: str

    @property
    def dead_letter_topic(self) -> str:
        return f"{self.consumer}-dead-letter"

    @property
    def dead_letter_subscription(self) -> str:
        return f"{self.consumer}-dead-letter-sub"


def create_dead_letter_setup(unique: str) -> DeadLetterSetup:
    setup = DeadLetterSetup(
        project=os.environ["GOOGLE_CLOUD_PROJECT"],
        source_topic=f"source-{unique}",
        source_subscription=f"source-{unique}-sub",
        consumer=f"consumer-{unique}",
    )
    publisher = pubsub_v1.PublisherClient()
    subscriber = pubsub_v1.SubscriberClient()
    for topic, subscription in (
        (setup.source_topic, setup.source_subscription),
        (setup.dead_letter_topic, setup.dead_letter_subscription),
    ):
        publisher.create_topic(request={"name": publisher.topic_path(setup.project, topic)})
        subscriber.create_subscription(
            request={
                "name": subscriber.subscription_path(setup.project, subscription),
                "topic": publisher.topic_path(setup.project, topic),
                "ack_deadline_seconds": 30,
            }
        )
    subscriber.close()
    return setup


def park_poisoned(setup: DeadLetterSetup, event_type: str, event_id: str, data: bytes, **extra: str) -> dict[str, str]:
    """Publish what the kit parks: the original data and attributes plus the reason (and ``extra``)."""
    attributes = parking_attributes(
        {"event_type": event_type, "event_id": event_id, "correlation_id": f"corr-{event_id}"},
        error_class="PermanentError",
        error_message=f"training {event_id} can never be scheduled",
        consumer=setup.consumer,
        delivery_attempt=1,
        source_subscription=f"projects/{setup.project}/subscriptions/{setup.consumer}",
        source_topic=setup.source_topic,
        original_message_id="original-1",
    )
    attributes.update(extra)
    publisher = pubsub_v1.PublisherClient()
    publisher.publish(publisher.topic_path(setup.project, setup.dead_letter_topic), data, **attributes).result(
        timeout=30
    )
    return attributes


def pull_all(project: str, subscription: str, wait_seconds: float = 3.0) -> list[Any]:
    """Every message currently available (acked), waiting briefly for stragglers."""
    subscriber = pubsub_v1.SubscriberClient()
    path = subscriber.subscription_path(project, subscription)
    received: list[Any] = []
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # return_immediately: see ops/dlq/dead_letter_pull.py
            response = subscriber.pull(request={"subscription": path, "max_messages": 100, "return_immediately": True})
        if response.received_messages:
            received.extend(response.received_messages)
            subscriber.acknowledge(
                request={"subscription": path, "ack_ids": [m.ack_id for m in response.received_messages]}
            )
        else:
            time.sleep(0.2)
    subscriber.close()
    return [item.message for item in received]
