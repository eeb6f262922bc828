"""How much each figure measures: the full run (BENCHMARKS.md) and the short form (tests)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchSizes:
    cold_launches: int
    warmup_events: int
    direct_events: int
    push_events: int
    latency_events: int
    ceiling_events: int
    rpc_events: int
    kit_requests: int
    rounds: int = 1  # direct and push phases: rounds alternating baseline/calendar/ledger; the median counts
    direct_concurrency: int = 8
    short: bool = False  # the other modules' sections (bench.extra_sections) run their short forms too


FULL = BenchSizes(
    cold_launches=15,
    warmup_events=100,
    direct_events=2000,
    push_events=2000,
    latency_events=1000,
    ceiling_events=2000,
    rpc_events=50,
    kit_requests=2000,
    rounds=3,
)
SHORT = BenchSizes(
    cold_launches=1,
    warmup_events=5,
    direct_events=30,
    push_events=30,
    latency_events=20,
    ceiling_events=30,
    rpc_events=3,
    kit_requests=50,
    short=True,
)
