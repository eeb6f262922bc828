"""Duplicate deliveries: a tap subscription on every topic; a seeded share of the events seen
there is published again with the same data and attributes (so the same ``event_id``).

Consumers must treat the copy as a duplicate (processed marker) and apply nothing twice.
Messages without an ``event_id`` attribute (the injected poison) are never duplicated.
"""

from __future__ import annotations

import random
import threading
from typing import Any


class DuplicateInjector:
    def __init__(self, project: str, topics: list[str], rate: float, seed: int) -> None:
        from google.cloud import pubsub_v1  # type: ignore[attr-defined]

        self._publisher = pubsub_v1.PublisherClient()
        self._subscriber = pubsub_v1.SubscriberClient()
        self._project = project
        self._rate = rate
        self._random = random.Random(seed)
        self._taps: dict[str, str] = {}
        for topic in topics:
            tap = self._subscriber.subscription_path(project, f"fault-tap-{topic}")
            self._subscriber.create_subscription(
                request={"name": tap, "topic": self._publisher.topic_path(project, topic), "ack_deadline_seconds": 60}
            )
            self._taps[tap] = self._publisher.topic_path(project, topic)
        self._seen: set[str] = set()
        self.duplicated: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="duplicate-injector", daemon=True)

    def start(self) -> DuplicateInjector:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=15)

    def drain_once(self) -> int:
        """Pull what the taps hold now; republish the chosen ones. Returns how many were seen."""
        seen = 0
        for tap, topic in self._taps.items():
            response = self._subscriber.pull(request={"subscription": tap, "max_messages": 100}, timeout=5)
            if not response.received_messages:
                continue
            self._subscriber.acknowledge(
                request={"subscription": tap, "ack_ids": [m.ack_id for m in response.received_messages]}
            )
            for received in response.received_messages:
                seen += 1
                self._maybe_duplicate(topic, received.message)
        return seen

    def _maybe_duplicate(self, topic: str, message: Any) -> None:
        event_id = message.attributes.get("event_id")
        if not event_id or event_id in self._seen:
            return
        self._seen.add(event_id)
        if self._random.random() < self._rate:
            self._publisher.publish(topic, message.data, **dict(message.attributes)).result(timeout=30)
            self.duplicated.append(event_id)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self.drain_once() == 0:
                    self._stop.wait(0.3)
            except Exception:
                self._stop.wait(0.5)
