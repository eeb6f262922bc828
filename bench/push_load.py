"""Load through the real Pub/Sub push path: a topic and a push subscription to the function on
the Pub/Sub emulator, events published by a client, effects read back from Firestore.

When each effect happened is the Firestore commit time of its document (``update_time``,
stamped by the emulator on this machine's clock), so measuring disturbs nothing: publish →
effect committed latency is ``update_time - publish wall time`` per event, and throughput is
events committed / (last commit - first publish).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from bench.bench_events import BenchEvent

ACK_DEADLINE_SECONDS = 60


@dataclass(frozen=True)
class PushChannel:
    topic_path: str
    subscription_path: str


@dataclass
class PushRunResult:
    events: int
    committed: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def events_per_second(self) -> float:
        return self.committed / self.seconds if self.seconds > 0 else 0.0


def new_publisher() -> Any:
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    return pubsub_v1.PublisherClient(batch_settings=pubsub_v1.types.BatchSettings(max_messages=100, max_latency=0.001))


def create_push_channel(publisher: Any, project: str, name: str, endpoint: str, extra_topics: list[str]) -> PushChannel:
    """A topic with one push subscription to ``endpoint`` (plus ``extra_topics`` the function publishes to)."""
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    for topic in extra_topics:
        ensure_topic(publisher, project, topic)
    topic_path = publisher.topic_path(project, name)
    publisher.create_topic(request={"name": topic_path})
    subscriber = pubsub_v1.SubscriberClient()
    subscription_path = subscriber.subscription_path(project, name)
    subscriber.create_subscription(
        request={
            "name": subscription_path,
            "topic": topic_path,
            "push_config": {"push_endpoint": endpoint},
            "ack_deadline_seconds": ACK_DEADLINE_SECONDS,
        }
    )
    subscriber.close()
    return PushChannel(topic_path, subscription_path)


def ensure_topic(publisher: Any, project: str, topic: str) -> None:
    from google.api_core.exceptions import AlreadyExists

    with contextlib.suppress(AlreadyExists):
        publisher.create_topic(request={"name": publisher.topic_path(project, topic)})


def publish_events(publisher: Any, topic_path: str, events: list[BenchEvent], rate: float | None = None) -> list[float]:
    """Publish every event (at ``rate`` per second, or as fast as possible); wall time of each publish."""
    started = time.time()
    published_at: list[float] = []
    futures = []
    for index, event in enumerate(events):
        if rate is not None:
            delay = started + index / rate - time.time()
            if delay > 0:
                time.sleep(delay)
        published_at.append(time.time())
        futures.append(publisher.publish(topic_path, event.data, **event.attributes))
    for future in futures:
        future.result(timeout=60)
    return published_at


def wait_for_count(db: Any, collection: str, expected: int, timeout_seconds: float) -> int:
    """Poll the collection's document count (one aggregation per second) until ``expected``."""
    deadline = time.monotonic() + timeout_seconds
    count = 0
    while time.monotonic() < deadline:
        count = int(db.collection(collection).count().get()[0][0].value)
        if count >= expected:
            return count
        time.sleep(1.0)
    return count


def commit_times(db: Any, collection: str, document_ids: list[str]) -> dict[str, float]:
    """document id -> its last commit time (epoch seconds); missing documents are left out."""
    times: dict[str, float] = {}
    for start in range(0, len(document_ids), 300):
        refs = [db.collection(collection).document(doc_id) for doc_id in document_ids[start : start + 300]]
        for snapshot in db.get_all(refs):
            if snapshot.exists:
                times[snapshot.id] = snapshot.update_time.timestamp()
    return times


def summarize(events: list[BenchEvent], published_at: list[float], committed: dict[str, float]) -> PushRunResult:
    latencies = [
        (committed[event.effect_document] - sent) * 1000
        for event, sent in zip(events, published_at, strict=True)
        if event.effect_document in committed
    ]
    seconds = max(committed.values()) - min(published_at) if committed else 0.0
    return PushRunResult(len(events), len(committed), seconds, latencies)
