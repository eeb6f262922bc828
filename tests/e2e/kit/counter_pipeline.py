"""One test's pipeline: fresh topics and subscriptions on the emulator, and its counter app.

Per test: a source topic with a push subscription to the app (retry backoff 1–2 s, dead-letter
policy with 5 attempts, message ordering unless asked otherwise), a dead-letter topic with a pull subscription, and a
``CounterChanged`` topic with a pull subscription. Tests publish envelopes as the outbox relay
does (JSON data + envelope attributes) and read results back from Firestore and the pulls.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pipeline_kit.events.event_envelope import EventEnvelope, new_event_id
from pipeline_kit.firestore.optimistic_unit_of_work import PROCESSED_COLLECTION
from pipeline_kit.outbox.outbox_record import OUTBOX_COLLECTION
from tests.e2e.kit.counter_app.counter_events import counter_registry
from tests.e2e.kit.counter_app.counter_handler import ATTEMPTS, COUNTERS
from tests.e2e.kit.polling import eventually

MAX_DELIVERY_ATTEMPTS = 5


@dataclass(frozen=True)
class PulledMessage:
    data: bytes
    attributes: dict[str, str]


@dataclass
class PipelineNames:
    project: str
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:10])

    @property
    def consumer(self) -> str:
        return f"counter-{self.suffix}"

    @property
    def source_topic(self) -> str:
        return f"counter-incremented-{self.suffix}"

    @property
    def dead_letter_topic(self) -> str:
        return f"{self.consumer}-dead-letter"  # the project's naming (infra/topology.tf, ops dlq)

    @property
    def changed_topic(self) -> str:
        return f"counter-changed-{self.suffix}"

    @property
    def dead_letter_subscription(self) -> str:
        return f"{self.consumer}-dead-letter-sub"

    @property
    def changed_subscription(self) -> str:
        return f"counter-changed-pull-{self.suffix}"

    def app_environment(self) -> dict[str, str]:
        return {
            "GOOGLE_CLOUD_PROJECT": self.project,
            "COUNTER_CONSUMER": self.consumer,
            "COUNTER_SOURCE_TOPIC": self.source_topic,
            "COUNTER_DEAD_LETTER_TOPIC": self.dead_letter_topic,
            "COUNTER_CHANGED_TOPIC": self.changed_topic,
            "COUNTER_ACK_DEADLINE_SECONDS": "30",
            "PUSH_AUTH_DISABLED": "true",
        }


class CounterPipeline:
    """Provisioned topics/subscriptions plus the clients a test needs. ``close`` deletes them."""

    def __init__(self, names: PipelineNames, firestore: Any) -> None:
        from google.cloud import pubsub_v1  # type: ignore[attr-defined]

        self.names = names
        self.firestore = firestore
        self.registry = counter_registry()
        self.publisher = pubsub_v1.PublisherClient(
            publisher_options=pubsub_v1.types.PublisherOptions(enable_message_ordering=True)
        )
        self.subscriber = pubsub_v1.SubscriberClient()
        self._subscriptions: list[str] = []
        self._topics: list[str] = []

    # -- provisioning --------------------------------------------------------------------------
    def topic_path(self, topic: str) -> str:
        return str(self.publisher.topic_path(self.names.project, topic))

    def subscription_path(self, subscription: str) -> str:
        return str(self.subscriber.subscription_path(self.names.project, subscription))

    def create_topics(self) -> None:
        for topic in (self.names.source_topic, self.names.dead_letter_topic, self.names.changed_topic):
            self.publisher.create_topic(request={"name": self.topic_path(topic)})
            self._topics.append(self.topic_path(topic))
        self._create_pull(self.names.dead_letter_subscription, self.names.dead_letter_topic)
        self._create_pull(self.names.changed_subscription, self.names.changed_topic)

    def create_push_subscription(self, push_endpoint: str, *, ordering: bool = True) -> None:
        """Ordering lets tests publish a sentinel after other messages of a key. The emulator's
        dead-lettering crashes the push loop of an *ordered* subscription (NullPointerException in
        OrderedMessageBacklog, measured with emulator 0.8.20): dead-lettering tests use ``ordering=False``."""
        dead_letter = self.topic_path(self.names.dead_letter_topic)
        self._subscriptions.append(
            self._create_push(self.names.consumer, push_endpoint, dead_letter, ordering=ordering)
        )

    def _create_push(self, consumer: str, push_endpoint: str, dead_letter_topic: str, *, ordering: bool) -> str:
        """The path of ``consumer``'s new push subscription on the source topic (1–2 s backoff,
        dead-lettering to ``dead_letter_topic``)."""
        from google.protobuf import duration_pb2

        path = self.subscription_path(f"{consumer}-push")
        self.subscriber.create_subscription(
            request={
                "name": path,
                "topic": self.topic_path(self.names.source_topic),
                "push_config": {"push_endpoint": push_endpoint},
                "ack_deadline_seconds": 30,
                "enable_message_ordering": ordering,
                "retry_policy": {
                    "minimum_backoff": duration_pb2.Duration(seconds=1),
                    "maximum_backoff": duration_pb2.Duration(seconds=2),
                },
                "dead_letter_policy": {
                    "dead_letter_topic": dead_letter_topic,
                    "max_delivery_attempts": MAX_DELIVERY_ATTEMPTS,
                },
            }
        )
        return path

    def add_consumer(self, consumer: str, push_endpoint: str) -> None:
        """One more consumer of the source topic (its own dead-letter topic and ordered push
        subscription), as a topic with several subscriptions has in production."""
        dead_letter = self.topic_path(f"{consumer}-dead-letter")
        self.publisher.create_topic(request={"name": dead_letter})
        self._topics.append(dead_letter)
        path = self._create_push(consumer, push_endpoint, dead_letter, ordering=True)
        self._subscriptions.insert(0, path)  # deleted first, like the main push subscription

    def _create_pull(self, subscription: str, topic: str) -> None:
        path = self.subscription_path(subscription)
        self.subscriber.create_subscription(
            request={"name": path, "topic": self.topic_path(topic), "ack_deadline_seconds": 60}
        )
        self._subscriptions.append(path)

    def close(self) -> None:
        """Delete the push subscription first, so the emulator stops calling a stopped app."""
        for path in self._subscriptions:
            with contextlib.suppress(Exception):
                self.subscriber.delete_subscription(request={"subscription": path})
        for path in self._topics:
            with contextlib.suppress(Exception):
                self.publisher.delete_topic(request={"topic": path})
        self.subscriber.close()

    # -- publishing ----------------------------------------------------------------------------
    def envelope(self, payload: Any, *, event_id: str | None = None) -> EventEnvelope:
        """The envelope the outbox relay would publish for ``payload``."""
        event_type, version, document = self.registry.encode_payload(payload)
        event_id = event_id or new_event_id()
        return EventEnvelope(
            event_id=event_id,
            type=event_type,
            version=version,
            occurred_at=datetime.now(UTC),
            correlation_id=event_id,
            causation_id=event_id,
            aggregate_id=str(payload.aggregate_id),
            payload=document,
        )

    def publish_envelope(self, envelope: EventEnvelope, ordering_key: str = "") -> str:
        return self.publish_raw(envelope.to_json_bytes(), envelope.attributes(), ordering_key)

    def publish_raw(self, data: bytes, attributes: dict[str, str], ordering_key: str = "") -> str:
        topic = self.topic_path(self.names.source_topic)
        future = self.publisher.publish(topic, data, ordering_key=ordering_key, **attributes)
        return str(future.result(timeout=10))

    # -- reading results -----------------------------------------------------------------------
    def pull(self, subscription: str, *, wanted: int = 1, timeout: float = 20.0) -> list[PulledMessage]:
        """Pull and ack until ``wanted`` messages arrived or ``timeout`` passed (returns what came)."""
        import time

        from google.api_core.exceptions import DeadlineExceeded

        path = self.subscription_path(subscription)
        received: list[PulledMessage] = []
        deadline = time.monotonic() + timeout
        while len(received) < wanted and time.monotonic() < deadline:
            try:
                response = self.subscriber.pull(request={"subscription": path, "max_messages": 10}, timeout=3)
            except DeadlineExceeded:
                continue
            if not response.received_messages:
                time.sleep(0.2)
                continue
            for item in response.received_messages:
                received.append(PulledMessage(bytes(item.message.data), dict(item.message.attributes)))
            self.subscriber.acknowledge(
                request={"subscription": path, "ack_ids": [item.ack_id for item in response.received_messages]}
            )
        return received

    def pull_dead_letters(self, *, wanted: int = 1, timeout: float = 20.0) -> list[PulledMessage]:
        return self.pull(self.names.dead_letter_subscription, wanted=wanted, timeout=timeout)

    def pull_changed(self, *, wanted: int = 1, timeout: float = 20.0) -> list[PulledMessage]:
        return self.pull(self.names.changed_subscription, wanted=wanted, timeout=timeout)

    def counter(self, counter_id: str, collection: str = COUNTERS) -> int | None:
        snapshot = self.firestore.collection(collection).document(counter_id).get()
        return int(snapshot.to_dict()["value"]) if snapshot.exists else None

    def wait_for_counter(self, counter_id: str, value: int, timeout: float = 20.0, collection: str = COUNTERS) -> int:
        eventually(
            lambda: self.counter(counter_id, collection) == value,
            timeout=timeout,
            what=f"counter {collection}/{counter_id} = {value}",
        )
        return value

    def attempts(self, event_id: str) -> int:
        snapshot = self.firestore.collection(ATTEMPTS).document(event_id).get()
        return int((snapshot.to_dict() or {}).get("count", 0)) if snapshot.exists else 0

    def processed_marker_exists(self, event_id: str, consumer: str | None = None) -> bool:
        document_id = f"{consumer or self.names.consumer}__{event_id}"
        return bool(self.firestore.collection(PROCESSED_COLLECTION).document(document_id).get().exists)

    def outbox_caused_by(self, event_id: str) -> list[dict[str, Any]]:
        from google.cloud.firestore_v1.base_query import FieldFilter

        query = self.firestore.collection(OUTBOX_COLLECTION).where(filter=FieldFilter("causation_id", "==", event_id))
        return [snapshot.to_dict() for snapshot in query.stream()]
