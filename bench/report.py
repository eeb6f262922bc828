"""Render a run's results as BENCHMARKS.md: each consumer against its anchor (numbers, ratios,
targets, verdicts), the round trips, the kit overhead, the sections of other modules, the run."""

from __future__ import annotations

import math
from typing import Any

from bench.extra_sections import render_extra_sections
from bench.report_previous import previous_run_section
from bench.report_targets import KIT_OVERHEAD, LIMITS, Limit
from bench.report_text import FOOTER, HEADER

PAIR_TITLES = {
    "calendar": (
        "Blind-write read model: `trainer_calendar` vs the naive blind write",
        "naive blind write (`bench/naive_baseline`)",
        "project: `trainer_calendar`",
    ),
    "ledger": (
        "Read-modify-write with a publish: `users_on_trainings` vs the naive transactional consumer",
        "naive transactional (`bench/naive_transactional`)",
        "project: `users_on_trainings` (dedup, outbox, auth, tracing)",
    ),
}
ANCHOR_OF = {"calendar": "baseline", "ledger": "transactional"}


def _ratio(project: float, anchor: float) -> float:
    return project / anchor if anchor and not math.isnan(anchor) else math.nan


def verdict(ratio: float, limit: Limit | None) -> str:
    if limit is None:
        return "—"
    if math.isnan(ratio):
        return "n/a"
    return "met" if limit.met(ratio) else "**missed**"


def figures(results: dict[str, Any], name: str) -> dict[str, float]:
    """The compared figures of one target in this run."""
    latency = results["latency"][name]
    return {
        "cold_start": results["cold_start"][name]["median_ms"],
        "direct": results["direct"][name]["events_per_second"],
        "push": results["push"][name]["events_per_second"],
        "p50": latency["p50_ms"],
        "p95": latency["p95_ms"],
        "p99": latency["p99_ms"],
        "rss": results["memory"][name]["rss_mib"],
        "cpu": results["direct"][name].get("server_cpu_ms_per_event", math.nan),
        "ceiling": results["emulator_ceiling"][name],
    }


def _pair_table(results: dict[str, Any], project: str) -> list[str]:
    anchor = ANCHOR_OF[project]
    title, anchor_label, project_label = PAIR_TITLES[project]
    a, p = figures(results, anchor), figures(results, project)
    rate = results["latency"][project]["offered_events_per_second"]
    launches = len(results["cold_start"][anchor]["samples_ms"])
    rows = [
        ("cold_start", f"1. cold start, median of {launches}", "ms"),
        ("direct", f"2b. throughput, direct, {results['sizes']['direct_concurrency']} concurrent", "ev/s"),
        ("push", "2a. throughput, through Pub/Sub push", "ev/s"),
        ("p50", f"3. latency p50, publish → committed, at {rate:.0f} ev/s", "ms"),
        ("p95", f"3. latency p95, at {rate:.0f} ev/s", "ms"),
        ("p99", f"3. latency p99, at {rate:.0f} ev/s", "ms"),
        ("rss", "5. RSS after the direct phase (master + worker)", "MiB"),
        ("cpu", "server CPU per event in 2b (user + system, master + worker)", "ms"),
        ("ceiling", "emulator ceiling (same Firestore RPCs, 8 threads, no HTTP)", "ev/s"),
    ]
    lines = [
        f"### {title}",
        "",
        f"| figure | {anchor_label} | {project_label} | ratio | target | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key, label, unit in rows:
        limit = LIMITS[project].get(key)
        ratio = _ratio(p[key], a[key])
        target = limit.text() if limit else "—"
        digits = 2 if key == "cpu" else 1
        anchor_cell, project_cell = f"{a[key]:.{digits}f} {unit}", f"{p[key]:.{digits}f} {unit}"
        shown = f"×{ratio:.3f}" if limit is not None and abs(ratio - limit.ratio) < 0.01 else f"×{ratio:.2f}"
        cells = [label, anchor_cell, project_cell, shown, target, verdict(ratio, limit)]
        lines.append("| " + " | ".join(cells) + " |")
    share_a, share_p = 100 * a["direct"] / a["ceiling"], 100 * p["direct"] / p["ceiling"]
    lines.append(
        f"| 2b as a share of its ceiling | {share_a:.1f} % | {share_p:.1f} % | ×{share_p / share_a:.2f} | — | — |"
    )
    return [*lines, ""]


def render_markdown(results: dict[str, Any], plot_path: str) -> str:
    lines = [HEADER, "## Each consumer against its anchor", ""]
    lines += _pair_table(results, "calendar")
    lines += _pair_table(results, "ledger")
    lines += [
        "The latency phase offers each pair half its anchor's push throughput "
        "(the same load to the consumer and its anchor):",
        "",
        f"![latency distribution]({plot_path})",
        "",
    ]
    lines += previous_run_section(results)
    lines += _rpc_section(results["rpcs_per_event"])
    lines += _kit_section(results["kit_overhead"], results.get("kit_overhead_no_export"))
    lines += render_extra_sections(results)
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
    return [
        *lines,
        "",
        "The naive transactional consumer makes 3 round trips per event (begin, read, commit) and "
        "shares a publish RPC with concurrent messages (the batching publisher client).",
        "",
    ]


def _kit_section(kit: dict[str, Any], no_export: dict[str, Any] | None = None) -> list[str]:
    framework, handler = kit["functions_framework"], kit["handler"]
    extra: list[str] = []
    if no_export is not None:
        quiet = no_export["functions_framework"]
        extra = [
            f"| functions-framework app, `TRACE_EXPORTER=none` (trace context and span ids in every log "
            f"line, no span export) | {quiet['bare_rps']:.0f} req/s | {quiet['kit_rps']:.0f} req/s "
            f"| ×{quiet['ratio']:.3f} | {KIT_OVERHEAD.text()} | {verdict(quiet['ratio'], KIT_OVERHEAD)} |"
        ]
    return [
        '## 7. Kit overhead in-process (issue 3, "Speed")',
        "",
        "| level | bare handler (base64 decode only) | full kit (auth, parse, validate, route, log, trace) "
        "| ratio | target | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| functions-framework app, `TRACE_EXPORTER=console` (Werkzeug test client, no socket) "
        f"| {framework['bare_rps']:.0f} req/s | {framework['kit_rps']:.0f} req/s | ×{framework['ratio']:.3f} "
        f"| {KIT_OVERHEAD.text()} | {verdict(framework['ratio'], KIT_OVERHEAD)} |",
        f"| handler call only (`PushConsumer.handle` vs the decode) | {handler['bare_rps']:.0f} req/s "
        f"| {handler['kit_rps']:.0f} req/s | ×{handler['ratio']:.3f} | — | — |",
        *extra,
        "",
        f"Median of {kit['rounds']} alternating rounds of {kit['requests_per_round']} requests; "
        "stdout (logs and spans) sent to a null stream.",
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
