"""Render a run's results as the BENCHMARKS.md table (numbers, ratios, targets, verdicts)."""

from __future__ import annotations

import math
from typing import Any

from bench.report_text import FOOTER, HEADER


def _ratio(project: float, baseline: float) -> float:
    return project / baseline if baseline and not math.isnan(baseline) else math.nan


def _verdict(ratio: float, limit: float, higher_is_better: bool) -> str:
    if math.isnan(ratio):
        return "n/a"
    met = ratio >= limit if higher_is_better else ratio <= limit
    return "met" if met else "**missed**"


def _row(label: str, unit: str, values: dict[str, float], limit: float | None, higher: bool, target: str) -> str:
    base = values["baseline"]
    cells = [label, f"{base:.1f} {unit}"]
    for name in ("calendar", "ledger"):
        ratio = _ratio(values[name], base)
        verdict = f" — {_verdict(ratio, limit, higher)}" if limit is not None else ""
        cells.append(f"{values[name]:.1f} {unit} (×{ratio:.2f}{verdict})")
    cells.append(target)
    return "| " + " | ".join(cells) + " |"


def render_markdown(results: dict[str, Any], plot_path: str) -> str:
    cold = {name: value["median_ms"] for name, value in results["cold_start"].items()}
    direct = {name: value["events_per_second"] for name, value in results["direct"].items()}
    push = {name: value["events_per_second"] for name, value in results["push"].items()}
    latency = results["latency"]
    memory = {name: value["rss_mib"] for name, value in results["memory"].items()}
    ceiling = results["emulator_ceiling"]
    lines = [
        HEADER,
        "| figure | naive baseline | project: `trainer_calendar` (blind write) "
        "| project: `users_on_trainings` (read-modify-write + outbox) | target (project vs baseline) |",
        "| --- | --- | --- | --- | --- |",
        _row(
            f"1. cold start, median of {len(results['cold_start']['baseline']['samples_ms'])}",
            "ms",
            cold,
            1.0,
            False,
            "≤ 1.0 ×",
        ),
        _row("2b. throughput, direct, 8 concurrent", "ev/s", direct, 0.7, True, "≥ 0.7 ×"),
        _row("2a. throughput, through Pub/Sub push", "ev/s", push, 0.7, True, "≥ 0.7 ×"),
        _row("emulator ceiling (same Firestore RPCs, 8 threads, no HTTP)", "ev/s", ceiling, None, True, "—"),
        _row(
            "2b as a fraction of its ceiling", "%", {k: 100 * direct[k] / ceiling[k] for k in direct}, None, True, "—"
        ),
    ]
    for rank in ("p50", "p95", "p99"):
        values = {name: latency[name][f"{rank}_ms"] for name in ("baseline", "calendar", "ledger")}
        limit = 1.5 if rank == "p99" else None
        lines.append(
            _row(f"3. latency {rank}, publish → committed", "ms", values, limit, False, "≤ 1.5 ×" if limit else "—")
        )
    lines.append(_row("5. RSS after warm-up (master + worker)", "MiB", memory, 1.2, False, "≤ 1.2 ×"))
    lines += [
        "",
        f"Latency at a fixed offered load of **{latency['offered_events_per_second']:.0f} events/s** "
        "(half the baseline's push throughput):",
        "",
        f"![latency distribution]({plot_path})",
        "",
    ]
    lines += _rpc_section(results["rpcs_per_event"])
    lines += _kit_section(results["kit_overhead"], results.get("kit_overhead_no_export"))
    lines += _run_section(results)
    lines.append(FOOTER)
    return "\n".join(lines) + "\n"


def _rpc_section(rpcs: dict[str, Any]) -> list[str]:
    lines = [
        "## 4. Firestore round trips per event (counted by the kit's adapters)",
        "",
        "| consumer | delivery | reads | commits | queries | of which mark-sent commits (deferred, batched) "
        "| unit of work round trips | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    targets = {"calendar": "1 (blind write)", "ledger": "≤ 2 (read-modify-write)"}
    for name, counted in rpcs.items():
        for delivery in ("first_delivery", "redelivery"):
            c = counted[delivery]
            target = targets[name] if delivery == "first_delivery" else "—"
            lines.append(
                f"| `{counted['consumer']}` | {delivery.replace('_', ' ')} | {c['reads']:.2f} | {c['commits']:.2f} "
                f"| {c['queries']:.2f} | {c['mark_sent_commits']:.2f} | {c['unit_of_work_round_trips']:.2f} "
                f"| {target} |"
            )
    return [*lines, ""]


def _kit_section(kit: dict[str, Any], no_export: dict[str, Any] | None = None) -> list[str]:
    framework, handler = kit["functions_framework"], kit["handler"]
    verdict = "met" if framework["ratio"] >= 0.5 else "**missed**"
    extra: list[str] = []
    if no_export is not None:
        quiet = no_export["functions_framework"]
        quiet_verdict = "met" if quiet["ratio"] >= 0.5 else "**missed**"
        extra = [
            f"| functions-framework app, `TRACE_EXPORTER=none` (trace context and span ids in every log "
            f"line, no span export) | {quiet['bare_rps']:.0f} req/s | {quiet['kit_rps']:.0f} req/s "
            f"| ×{quiet['ratio']:.2f} — {quiet_verdict} | kit ≥ 0.5 × bare |"
        ]
    return [
        '## 7. Kit overhead in-process (issue 3, "Speed")',
        "",
        "| level | bare handler (base64 decode only) | full kit (auth, parse, validate, route, log, trace) "
        "| ratio | target |",
        "| --- | --- | --- | --- | --- |",
        f"| functions-framework app (Werkzeug test client, no socket) | {framework['bare_rps']:.0f} req/s "
        f"| {framework['kit_rps']:.0f} req/s | ×{framework['ratio']:.2f} — {verdict} | kit ≥ 0.5 × bare |",
        f"| handler call only (`PushConsumer.handle` vs the decode) | {handler['bare_rps']:.0f} req/s "
        f"| {handler['kit_rps']:.0f} req/s | ×{handler['ratio']:.3f} | — |",
        *extra,
        "",
        f"Median of {kit['rounds']} alternating rounds of {kit['requests_per_round']} requests; "
        f"`TRACE_EXPORTER={kit['trace_exporter']}` with stdout (logs and spans) sent to a null stream.",
        "",
    ]


def _run_section(results: dict[str, Any]) -> list[str]:
    machine = results["machine"]
    return [
        "## The run",
        "",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB; "
        f"Linux {machine['kernel']}; Python {machine['python']}; "
        f"functions-framework {machine['functions_framework']}, "
        f"google-cloud-firestore {machine['google_cloud_firestore']}, "
        f"google-cloud-pubsub {machine['google_cloud_pubsub']}.",
        f"- Load average (1, 5, 15 min) before the run: {results['load_before']}; after: {results['load_after']}.",
        f"- Sizes: {results['sizes']}.",
        "",
    ]
