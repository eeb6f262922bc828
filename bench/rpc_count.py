"""Firestore round trips per event, counted by the kit's adapters (``FIRESTORE_RPCS``).

The project's consumers run in this process (``PushConsumer.handle``, no HTTP) against the
emulators, each event handled once (first delivery) and then again (a redelivery). Publishing
through the outbox is counted apart: the commit that marks an outbox record sent follows each
publish, so the kit's own unit of work is ``reads + commits - mark-sent commits``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from bench.bench_events import BenchEvent
from pipeline_kit.firestore.rpc_counter import FIRESTORE_RPCS


@dataclass(frozen=True)
class RpcsPerEvent:
    events: int
    reads: float
    commits: float
    queries: float
    mark_sent_commits: float
    publishes: float

    @property
    def unit_of_work_round_trips(self) -> float:
        return self.reads + self.commits + self.queries - self.mark_sent_commits

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "unit_of_work_round_trips": self.unit_of_work_round_trips}


def count_rpcs(consumer_name: str, events: list[BenchEvent]) -> tuple[RpcsPerEvent, RpcsPerEvent]:
    """(first delivery, redelivery) averages for ``events`` through consumer ``consumer_name``."""
    from pipeline_kit.auth import DisabledPushAuthenticator
    from pipeline_kit.pubsub.publisher import publish
    from pipeline_kit.routing.push_consumer import PushConsumer
    from wild_workouts.bootstrap import event_emitter, event_registry
    from wild_workouts.consumers import consumer_spec

    publishes = [0]

    def counting_publish(topic: str, data: bytes, attributes: Mapping[str, str], ordering_key: str) -> str:
        publishes[0] += 1
        return publish(topic, data, attributes, ordering_key)

    consumer = PushConsumer(
        consumer_spec(consumer_name),
        event_registry(),
        event_emitter(),
        DisabledPushAuthenticator(),
        publish_fn=counting_publish,
    )
    bodies = [event.wrapped_push_body() for event in events]
    results = []
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        for _ in ("first delivery", "redelivery"):
            before, published_before, mark_sent = FIRESTORE_RPCS.snapshot(), publishes[0], 0
            for body in bodies:
                published = publishes[0]
                result = consumer.handle({"content-type": "application/json"}, body)
                if result.status != 204:
                    raise RuntimeError(f"{consumer_name} answered {result.status}: {result.detail}")
                mark_sent += 1 if publishes[0] > published else 0
            after, n = FIRESTORE_RPCS.snapshot(), len(bodies)
            results.append(
                RpcsPerEvent(
                    n,
                    (after.reads - before.reads) / n,
                    (after.commits - before.commits) / n,
                    (after.queries - before.queries) / n,
                    mark_sent / n,
                    (publishes[0] - published_before) / n,
                )
            )
    return results[0], results[1]
