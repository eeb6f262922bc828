"""One benchmark run: fresh emulators, each consumer and its anchor side by side (alternating,
same emulators), every figure of issues 7 and 17 plus the kit overhead of issue 3, as one JSON
document.

Each function server gets its own Firestore/Pub/Sub project on the shared emulators, so the
effects of one never count for another. The project's servers verify push OIDC tokens
(``bench.push_auth``); every client sends one, and every target's push goes through the token
forwarder (``bench.token_forwarder``: the emulator sends no token). Phases run in this order,
each for baseline, calendar, transactional, ledger in turn: cold starts (interleaved launches),
warm-up, direct throughput, memory, push throughput, latency at half the anchor's push
throughput; then the emulator ceiling, the RPC counts, the in-process kit overhead and the
sections of ``bench.extra_sections`` (those whose modules exist).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.bench_events import BenchEvent, EventSource, fund_users
from bench.cold_start import cold_start_seconds
from bench.direct_load import post_all
from bench.emulator_ceiling import ceiling_events_per_second
from bench.extra_sections import run_extra_sections
from bench.function_server import FunctionServer, start_server
from bench.machine import load_average, machine_info
from bench.percentiles import median, percentile
from bench.process_memory import group_cpu_seconds, group_rss_kib
from bench.push_auth import PushAuth
from bench.push_load import (
    commit_times,
    create_push_channel,
    ensure_topic,
    new_publisher,
    publish_events,
    summarize,
    wait_for_count,
)
from bench.rpc_count import count_rpcs
from bench.sizes import BenchSizes
from bench.targets import ALL_TARGETS, CALENDAR, LEDGER, REPO_ROOT, Target
from ops.local_stack.emulators import start_emulators, wait_until
from ops.local_stack.free_port import free_port
from ops.local_stack.managed_process import ManagedProcess
from ops.local_stack.required_tools import find_emulators

Progress = Callable[[str], None]


def run_benchmarks(
    sizes: BenchSizes, log_dir: Path, progress: Progress = print, *, with_sections: bool = True
) -> dict[str, Any]:
    """Every phase (see the module docstring); ``with_sections``: then the sections of
    ``bench.extra_sections`` (their own emulators; after ``load_after``, which is this part's)."""
    tag = uuid.uuid4().hex[:6]
    compile_bytecode()
    results: dict[str, Any] = {
        "machine": machine_info(),
        "sizes": asdict(sizes),
        "load_before": load_average(),
        "push_auth": "on (OIDC tokens signed by a local key, verified against its certificate endpoint)",
    }
    emulators = start_emulators(find_emulators(), log_dir)
    auth = PushAuth.start()
    try:
        emulator_env = emulators.environment()
        os.environ.update(emulator_env)
        sources = {target.name: EventSource(target, f"{tag}{target.name}") for target in ALL_TARGETS}
        results["cold_start"] = _cold_starts(sizes, tag, emulator_env, log_dir, sources, auth, progress)
        servers = {
            target.name: start_server(
                target, f"bench-{tag}-{target.name}", emulator_env, log_dir, _auth_env(target, auth)
            )
            for target in ALL_TARGETS
        }
        forwarder = _start_forwarder(servers, auth, log_dir)
        try:
            results.update(_server_phases(sizes, servers, sources, auth, forwarder[1], progress))
        finally:
            forwarder[0].stop()
            for server in servers.values():
                server.stop()
        results["emulator_ceiling"] = _ceiling(sizes, tag, progress)
        results["rpcs_per_event"] = _rpcs(sizes, tag, progress)
    finally:
        auth.stop()
        emulators.stop()
    progress("kit overhead (in-process, issue 3)")
    results["kit_overhead"] = kit_overhead(sizes.kit_requests)
    results["kit_overhead_no_export"] = kit_overhead(sizes.kit_requests, exporter="none")
    results["load_after"] = load_average()
    if with_sections:
        results.update(run_extra_sections(short=sizes.short, log_dir=log_dir, progress=progress))
    return results


def compile_bytecode() -> None:
    """Compile the functions and the baseline to bytecode first, as the container image does
    (``python -m compileall`` in the Dockerfile; pip compiles the dependencies): a cold start
    then loads .pyc files, even where ``PYTHONDONTWRITEBYTECODE`` is set."""
    import compileall

    for folder in (REPO_ROOT / "functions", REPO_ROOT / "bench"):
        compileall.compile_dir(str(folder), quiet=1)


def _cold_starts(
    sizes: BenchSizes,
    tag: str,
    emulator_env: dict[str, str],
    log_dir: Path,
    sources: dict[str, EventSource],
    auth: PushAuth,
    progress: Progress,
) -> dict[str, Any]:
    samples: dict[str, list[float]] = {target.name: [] for target in ALL_TARGETS}
    publisher = new_publisher()
    for launch in range(sizes.cold_launches):
        for target in ALL_TARGETS:
            project = f"bench-{tag}-cold-{target.name}"
            event = sources[target.name].take(1)[0]
            if target.ledger_events:
                fund_users(_firestore(project), [event])
            if target.emits_to_topic:
                ensure_topic(publisher, project, target.emits_to_topic)
            seconds = cold_start_seconds(
                target,
                project,
                emulator_env,
                log_dir,
                event,
                launch,
                extra_env=_auth_env(target, auth),
                authorization=auth.authorization,
            )
            samples[target.name].append(seconds)
            progress(f"cold start {target.name} #{launch + 1}: {seconds * 1000:.0f} ms")
    return {
        name: {"median_ms": median(values) * 1000, "samples_ms": [v * 1000 for v in values]}
        for name, values in samples.items()
    }


def _auth_env(target: Target, auth: PushAuth) -> dict[str, str]:
    return auth.server_environment() if target.is_project else {}


def _start_forwarder(servers: dict[str, FunctionServer], auth: PushAuth, log_dir: Path) -> tuple[ManagedProcess, str]:
    """The token forwarder in front of every server (its process, its base URL)."""
    port = free_port()
    token_file = log_dir / "push-authorization.txt"
    token_file.write_text(auth.authorization)
    argv = [sys.executable, "-m", "bench.token_forwarder", str(port), str(token_file)]
    argv += [f"{name}={server.url}" for name, server in servers.items()]
    process = ManagedProcess("token-forwarder", argv, log_dir / "token-forwarder.log", cwd=REPO_ROOT).start()
    try:
        wait_until(lambda: _listening(port), process, _deadline(30))
    except BaseException:
        process.stop()
        raise
    return process, f"http://127.0.0.1:{port}"


def _listening(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _deadline(seconds: float) -> float:
    import time

    return time.monotonic() + seconds


def _server_phases(
    sizes: BenchSizes,
    servers: dict[str, FunctionServer],
    sources: dict[str, EventSource],
    auth: PushAuth,
    forwarder_url: str,
    progress: Progress,
) -> dict[str, Any]:
    dbs = {name: _firestore(server.project) for name, server in servers.items()}
    expected = dict.fromkeys(servers, 0)

    def take(name: str, count: int) -> list[BenchEvent]:
        events = sources[name].take(count)
        if servers[name].target.ledger_events:
            fund_users(dbs[name], events)
        expected[name] += count
        return events

    publisher = new_publisher()
    for server in servers.values():
        if server.target.emits_to_topic:
            ensure_topic(publisher, server.project, server.target.emits_to_topic)
    memory: dict[str, Any] = {}
    for name, server in servers.items():
        post_all(server.port, take(name, sizes.warmup_events), sizes.direct_concurrency, auth.authorization)
    direct_rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in servers}
    for round_number in range(sizes.rounds):
        for name, server in servers.items():
            events = take(name, sizes.direct_events)
            cpu_before = group_cpu_seconds(server.process.pid)
            result = post_all(server.port, events, sizes.direct_concurrency, auth.authorization)
            cpu_ms = (group_cpu_seconds(server.process.pid) - cpu_before) * 1000 / len(events)
            direct_rounds[name].append(
                {**asdict(result), "events_per_second": result.events_per_second, "server_cpu_ms_per_event": cpu_ms}
            )
            progress(f"direct {name} #{round_number + 1}: {result.events_per_second:.0f} events/s {result.statuses}")
    direct = {name: _median_round(runs) for name, runs in direct_rounds.items()}
    for name, server in servers.items():
        rss = group_rss_kib(server.process.pid)
        memory[name] = {"rss_mib": sum(rss.values()) / 1024, "processes": len(rss)}
        progress(f"RSS {name}: {memory[name]['rss_mib']:.1f} MiB")
    channels = {
        name: create_push_channel(
            publisher,
            server.project,
            f"bench-{name}",
            f"{forwarder_url}/{name}",
            [server.target.emits_to_topic] if server.target.emits_to_topic else [],
        )
        for name, server in servers.items()
    }
    push_rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in servers}
    for round_number in range(sizes.rounds):
        for name, server in servers.items():
            events = take(name, sizes.push_events)
            run = _push_run(
                publisher, channels[name].topic_path, dbs[name], server.target, events, expected[name], None
            )
            push_rounds[name].append(run)
            rate = run["events_per_second"]
            progress(f"push {name} #{round_number + 1}: {rate:.0f} events/s ({run['committed']}/{run['events']})")
    push = {name: _median_round(runs) for name, runs in push_rounds.items()}
    latency: dict[str, Any] = {}
    for name, server in servers.items():
        rate = max(1.0, push[server.target.anchor or name]["events_per_second"] / 2)
        events = take(name, sizes.latency_events)
        run = _push_run(publisher, channels[name].topic_path, dbs[name], server.target, events, expected[name], rate)
        latency[name] = {"offered_events_per_second": rate, **run}
        progress(f"latency {name} at {rate:.0f}/s: p50 {run['p50_ms']:.0f} ms, p99 {run['p99_ms']:.0f} ms")
    return {"direct": direct, "memory": memory, "push": push, "latency": latency}


def _median_round(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The round with the median rate, plus every round's rate (rounds alternate between targets,
    so a slow spell of the shared machine does not land on one target only)."""
    ordered = sorted(runs, key=lambda run: float(run["events_per_second"]))
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["rounds_events_per_second"] = [round(float(run["events_per_second"]), 1) for run in runs]
    return chosen


def _push_run(
    publisher: Any,
    topic_path: str,
    db: Any,
    target: Target,
    events: list[BenchEvent],
    expected: int,
    rate: float | None,
) -> dict[str, Any]:
    published_at = publish_events(publisher, topic_path, events, rate)
    wait_for_count(db, target.effect_collection, expected, timeout_seconds=120 + len(events) / 5)
    result = summarize(
        events, published_at, commit_times(db, target.effect_collection, [e.effect_document for e in events])
    )
    return {
        "events": result.events,
        "committed": result.committed,
        "seconds": result.seconds,
        "events_per_second": result.events_per_second,
        "p50_ms": percentile(result.latencies_ms, 50),
        "p95_ms": percentile(result.latencies_ms, 95),
        "p99_ms": percentile(result.latencies_ms, 99),
        "latencies_ms": [round(value, 2) for value in result.latencies_ms],
    }


def _ceiling(sizes: BenchSizes, tag: str, progress: Progress) -> dict[str, float]:
    """Each target's ceiling: the median of ``sizes.rounds`` rounds, alternating targets."""
    db = _firestore(f"bench-{tag}-ceiling")
    rounds: dict[str, list[float]] = {target.name: [] for target in ALL_TARGETS}
    for round_number in range(sizes.rounds):
        for target in ALL_TARGETS:
            rate = ceiling_events_per_second(db, target.name, sizes.ceiling_events)
            rounds[target.name].append(rate)
            progress(f"emulator ceiling {target.name} #{round_number + 1}: {rate:.0f} events/s")
    return {name: median(rates) for name, rates in rounds.items()}


def _rpcs(sizes: BenchSizes, tag: str, progress: Progress) -> dict[str, Any]:
    project = f"bench-{tag}-rpcs"
    os.environ["GOOGLE_CLOUD_PROJECT"] = project
    ensure_topic(new_publisher(), project, "users-events")
    counted: dict[str, Any] = {}
    for target, consumer in (("calendar", "trainer-calendar"), ("ledger", "users-on-trainings")):
        source = EventSource(LEDGER if target == "ledger" else CALENDAR, f"{tag}rpc{target}")
        events = source.take(sizes.rpc_events)
        if target == "ledger":
            fund_users(_firestore(project), events)
        first, again = count_rpcs(consumer, events)
        counted[target] = {"consumer": consumer, "first_delivery": first.to_json(), "redelivery": again.to_json()}
        progress(f"RPCs {target}: {first.to_json()}")
    return counted


def kit_overhead(requests: int, exporter: str = "console") -> dict[str, Any]:
    """Run ``bench.kit_overhead`` in a child process (its own tracing and stdout)."""
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "functions"), str(REPO_ROOT)]),
            "TRACE_EXPORTER": exporter,
            "TRACE_EXPORTER_DEFER_SECONDS": "0",  # spans recorded and exported from the first request
        }
    )
    env.pop("K_SERVICE", None)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "kit_overhead.json"
        subprocess.run(
            [sys.executable, "-m", "bench.kit_overhead", str(out), str(requests)],
            env=env,
            cwd=REPO_ROOT,
            check=True,
            timeout=600,
        )
        result: dict[str, Any] = json.loads(out.read_text())
    return result


def _firestore(project: str) -> Any:
    from google.cloud import firestore

    return firestore.Client(project=project)
