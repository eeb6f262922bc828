"""Throughput straight to the function: a fixed number of concurrent keep-alive clients POST
wrapped push bodies (with the push token, when given) as fast as the function answers them."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass

from bench.bench_events import BenchEvent
from bench.http_push import PushConnection


@dataclass(frozen=True)
class DirectResult:
    events: int
    seconds: float
    statuses: dict[int, int]

    @property
    def events_per_second(self) -> float:
        return self.statuses.get(204, 0) / self.seconds if self.seconds > 0 else 0.0


def post_all(
    port: int, events: list[BenchEvent], concurrency: int = 8, authorization: str | None = None
) -> DirectResult:
    bodies = [event.wrapped_push_body() for event in events]
    lock = threading.Lock()
    position = iter(range(len(bodies)))
    statuses: Counter[int] = Counter()

    def client() -> None:
        connection = PushConnection("127.0.0.1", port, authorization=authorization)
        local: Counter[int] = Counter()
        try:
            while True:
                with lock:
                    index = next(position, None)
                if index is None:
                    break
                local[connection.post(bodies[index])] += 1
        finally:
            connection.close()
            with lock:
                statuses.update(local)

    threads = [threading.Thread(target=client, name=f"direct-client-{n}") for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return DirectResult(len(bodies), time.perf_counter() - started, dict(statuses))
