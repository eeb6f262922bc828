"""Firestore round trips per event, counted by the kit's adapters (``FIRESTORE_RPCS``).

The project's consumers run in this process (``PushConsumer.handle``, no HTTP) against the
emulators, each event handled once (first delivery) and then again (a redelivery). Publishing
through the outbox is counted apart: the commits that mark outbox records sent (``MARK_SENT_RPCS``)
are made off the request path by the kit's sent marker, which batches the ids of the messages
handled within its linger into one commit, so there are fewer of them than events (each phase
ends with a flush, and they are counted as measured). The kit's own unit of work is
``reads + commits + queries - mark-sent commits``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from bench.bench_events import BenchEvent
from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS
from pipeline_kit.outbox.mark_sent_commit import MARK_SENT_RPCS
from pipeline_kit.outbox.sent_marker import flush_sent_marks


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
    from pipeline_kit.auth.push_authenticator import DisabledPushAuthenticator
    from pipeline_kit.pubsub.publisher import publish
    from pipeline_kit.routing.push_consumer import PushConsumer
    from pipeline_kit.routing.push_request import PushRequest
    from wild_workouts.bootstrap import CONSUMERS_BY_NAME, consumer_spec, event_emitter, event_registry

    publishes = [0]

    def counting_publish(topic: str, data: bytes, attributes: Mapping[str, str], ordering_key: str) -> str:
        publishes[0] += 1
        return publish(topic, data, attributes, ordering_key)

    consumer = PushConsumer(
        consumer_spec(CONSUMERS_BY_NAME[consumer_name]),
        event_registry(),
        event_emitter(),
        DisabledPushAuthenticator(),
        publish_fn=counting_publish,
    )
    bodies = [event.wrapped_push_body() for event in events]
    results = []
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        for _ in ("first delivery", "redelivery"):
            _flush_marks(consumer_name)
            before, mark_sent_before, published_before = (
                FIRESTORE_RPCS.snapshot(),
                MARK_SENT_RPCS.snapshot(),
                publishes[0],
            )
            for body in bodies:
                result = consumer.handle(PushRequest.with_body({"content-type": "application/json"}, body))
                if result.status != 204:
                    raise RuntimeError(f"{consumer_name} answered {result.status}: {result.detail}")
            _flush_marks(consumer_name)
            after, n = FIRESTORE_RPCS.snapshot(), len(bodies)
            mark_sent = MARK_SENT_RPCS.snapshot().commits - mark_sent_before.commits
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


def _flush_marks(consumer_name: str) -> None:
    """Commit the deferred mark-sent writes, so they are counted in the phase that caused them."""
    if not flush_sent_marks(timeout=60):
        raise RuntimeError(f"{consumer_name}: deferred mark-sent commits did not finish")
