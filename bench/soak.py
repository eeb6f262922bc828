"""A soak: one consumer, served as deployed (``bench.function_server``: functions-framework's
production server, gunicorn, 1 worker, 8 threads, the console span exporter), fed tens of
thousands of fresh events by direct POSTs at a steady rate, while its process group's resident
memory, open file descriptors and threads are sampled every second (``bench.process_group_sample``).

The target is "no growth beyond noise after warm-up": ``bench.soak_trend`` fits a least-squares
line to each resource over the events handled after the warm-up and compares the growth it
predicts over the soak with the samples' own scatter.

``python -m bench.soak [--short] [--out DIR]`` writes ``soak.json`` and ``soak_rss.png``;
``run_soak`` is what ``make bench`` calls.
"""

from __future__ import annotations

import itertools
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

Progress = Callable[[str], None]
REPO_ROOT = Path(__file__).resolve().parents[1]
NO_PUSH_TOKENS = {"PUSH_AUTH_DISABLED": "true"}
"""Direct POSTs carry no push token; the soak is about what the server keeps, not about auth."""


@dataclass(frozen=True)
class SoakSizes:
    events: int
    offered_per_second: float
    warmup_events: int
    connections: int = 4
    sample_interval_seconds: float = 1.0


FULL = SoakSizes(events=50_000, offered_per_second=250.0, warmup_events=5_000)
SHORT = SoakSizes(events=300, offered_per_second=150.0, warmup_events=50, sample_interval_seconds=0.25)


def run_soak(sizes: SoakSizes, log_dir: Path, progress: Progress = print) -> dict[str, Any]:
    import compileall

    from bench.bench_events import EventSource
    from bench.function_server import SERVER_THREADS, start_server
    from bench.machine import load_average, machine_info
    from bench.process_group_sample import sample_group
    from bench.soak_trend import trend, trend_by_part
    from bench.targets import Target
    from ops.local_stack.emulators import start_emulators
    from ops.local_stack.required_tools import find_emulators

    consumer = Target("soak", REPO_ROOT / "functions" / "main.py", "trainer_calendar", "trainer_calendar", True)
    compileall.compile_dir(str(REPO_ROOT / "functions"), quiet=1)  # as the image does
    results: dict[str, Any] = {"machine": machine_info(), "sizes": asdict(sizes), "load_before": load_average()}
    emulators = start_emulators(find_emulators(), log_dir)
    try:
        tag = uuid.uuid4().hex[:6]
        server = start_server(consumer, f"bench-soak-{tag}", {**emulators.environment(), **NO_PUSH_TOKENS}, log_dir)
        try:
            source = EventSource(consumer, f"soak{tag}")
            acked = [0]
            samples: list[dict[str, Any]] = []
            stop = threading.Event()

            def sample() -> None:
                while not stop.is_set():
                    s = sample_group(server.process.pid, time.time())
                    samples.append({**asdict(s), "events": acked[0], "rss_mib": s.rss_kib / 1024})
                    stop.wait(sizes.sample_interval_seconds)

            sampler = threading.Thread(target=sample, name="soak-sampler", daemon=True)
            sampler.start()
            started = time.time()
            statuses = _feed(server.port, source, sizes, acked, progress)
            seconds = time.time() - started
            stop.set()
            sampler.join()
        finally:
            server.stop()
    finally:
        emulators.stop()
    after = [s for s in samples if s["events"] >= sizes.warmup_events]
    results.update(
        {
            "consumer": consumer.function,
            "threads": SERVER_THREADS,
            "events": sizes.events,
            "acked": statuses.get(204, 0),
            "statuses": {str(k): v for k, v in statuses.items()},
            "offered_per_second": sizes.offered_per_second,
            "achieved_per_second": sizes.events / seconds,
            "seconds": seconds,
            "warmup_events": sizes.warmup_events,
            "sample_interval_seconds": sizes.sample_interval_seconds,
            "samples": samples,
            "trends": {name: trend(after, name) for name in ("rss_mib", "open_fds", "threads")},
            "rss_trend_by_third": trend_by_part(after, "rss_mib"),
            "load_after": load_average(),
        }
    )
    progress(f"soak: {results['acked']} of {sizes.events} acked at {results['achieved_per_second']:.0f}/s")
    return results


def _feed(port: int, source: Any, sizes: SoakSizes, acked: list[int], progress: Progress) -> Counter[int]:
    """POST ``sizes.events`` fresh events, event ``i`` not before ``start + i / rate``, over
    ``sizes.connections`` keep-alive connections (each takes the next due event)."""
    from bench.http_push import PushConnection

    lock = threading.Lock()
    numbers = itertools.count()
    statuses: Counter[int] = Counter()
    start = time.time() + 0.1
    report_every = max(1, sizes.events // 10)

    def connection() -> None:
        push = PushConnection("127.0.0.1", port)
        local: Counter[int] = Counter()
        try:
            while True:
                with lock:
                    index = next(numbers)
                    if index >= sizes.events:
                        break
                    event = source.take(1)[0]
                delay = start + index / sizes.offered_per_second - time.time()
                if delay > 0:
                    time.sleep(delay)
                status = push.post(event.wrapped_push_body())
                local[status] += 1
                with lock:
                    acked[0] += 1 if status == 204 else 0
                    if acked[0] % report_every == 0:
                        progress(f"soak: {acked[0]} events acked")
        finally:
            push.close()
            with lock:
                statuses.update(local)

    threads = [threading.Thread(target=connection, name=f"soak-{n}") for n in range(sizes.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def main(argv: list[str] | None = None) -> int:
    from bench.extra_sections import section_command

    return section_command("soak", argv)


if __name__ == "__main__":
    sys.exit(main())
