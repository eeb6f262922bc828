"""``python -m bench.profile_server TARGET [EVENTS] [OUT]``: where a served consumer's CPU goes.

Starts fresh emulators and serves TARGET (``baseline``, ``calendar``, ``transactional`` or
``ledger``, as the benchmark serves it: production server, 8 threads, push auth on for the
project's) under cProfile in every thread (``bench.profiled_source``), posts EVENTS fresh
events from 8 concurrent clients, stops the server and prints the functions with the most own
time and the most cumulative time. The pstats file is kept at OUT (default: the log folder).
Profiling slows the process down (several times): read the shares, not the rate.
"""

from __future__ import annotations

import dataclasses
import os
import pstats
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def profile(target_name: str, events: int, out: Path | None) -> Path:
    from google.cloud import firestore

    from bench.bench_events import EventSource, fund_users
    from bench.direct_load import post_all
    from bench.function_server import start_server
    from bench.push_auth import PushAuth
    from bench.push_load import ensure_topic, new_publisher
    from bench.targets import ALL_TARGETS
    from ops.local_stack.emulators import start_emulators
    from ops.local_stack.local_paths import new_log_dir
    from ops.local_stack.required_tools import find_emulators

    target = next(t for t in ALL_TARGETS if t.name == target_name)
    log_dir = new_log_dir("bench-profile")
    out = out or log_dir / f"{target.name}.pstats"
    emulators = start_emulators(find_emulators(), log_dir)
    auth = PushAuth.start()
    try:
        os.environ.update(emulators.environment())
        project = f"profile-{int(time.time())}-{target.name}"
        if target.emits_to_topic:
            ensure_topic(new_publisher(), project, target.emits_to_topic)
        profiled = dataclasses.replace(target, source=REPO_ROOT / "bench" / "profiled_source.py", function="profiled")
        extra = {
            "BENCH_PROFILE_SOURCE": str(target.source),
            "BENCH_PROFILE_TARGET": target.function,
            "BENCH_PROFILE_OUT": str(out),
            **(auth.server_environment() if target.is_project else {}),
        }
        server = start_server(profiled, project, emulators.environment(), log_dir, extra)
        try:
            source = EventSource(target, f"p{int(time.time())}")
            db = firestore.Client(project=project)
            warm = source.take(50)
            batch = source.take(events)
            if target.ledger_events:
                fund_users(db, warm + batch)
            post_all(server.port, warm, 8, auth.authorization)
            result = post_all(server.port, batch, 8, auth.authorization)
            print(f"{target.name}: {result.events_per_second:.0f} events/s under the profiler {result.statuses}")
        finally:
            server.stop()
    finally:
        auth.stop()
        emulators.stop()
    dumps = sorted(out.parent.glob(f"{out.name}.*"), key=lambda path: path.stat().st_size)
    if not dumps:
        raise RuntimeError(f"no profile was written ({out}.<pid>)")
    dumps[-1].replace(out)  # the worker's: the largest
    return out


def main(argv: list[str]) -> None:
    functions_dir = str(REPO_ROOT / "functions")
    if functions_dir not in sys.path:
        sys.path.insert(0, functions_dir)
    target = argv[0]
    events = int(argv[1]) if len(argv) > 1 else 2000
    out = profile(target, events, Path(argv[2]) if len(argv) > 2 else None)
    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(45)
    stats.sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main(sys.argv[1:])
