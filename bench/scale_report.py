"""Markdown sections for the booking's end-to-end time and the soak (BENCHMARKS.md calls these
with the JSON of ``bench.booking_latency`` and ``bench.soak``)."""

from __future__ import annotations

import math
from typing import Any

SAGA_CONSUMERS = ("trainer-on-trainings", "users-on-trainings", "trainings-on-trainer", "trainings-on-users")


def _ms(value: float) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.0f} ms"


def render_booking_section(data: dict[str, Any], plot_path: str = "bench/results/booking_latency.png") -> str:
    lines = [
        "## The booking's end-to-end time (issue 17)",
        "",
        "`POST /trainings` → the training's final state committed, on the whole local stack "
        "(emulators, the monolith as deployed, every consumer over real Pub/Sub push, the sweeper), "
        "open-loop at fixed offered loads, each booking by its own funded attendee on its own free hour. "
        "**Reproduce:** `python -m bench.booking_latency` (short form: `--short`).",
        "",
        "| offered | asked | bookings (final) | end to end p50 / p95 / p99 | API answer p50 / p95 / p99 "
        "| settled in the answer (200) | push wait share | functions CPU per booking | machine CPU busy |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for phase in data["phases"]:
        e2e, answer = phase["end_to_end"], phase["answer"]
        asked = "202 at once" if phase["mode"] == "plain" else f"`Prefer: wait={data['sizes']['prefer_wait_seconds']}`"
        settled = f"{phase['settled_in_answer']} of {phase['bookings']}" if phase["mode"] == "wait" else "—"
        lines.append(
            f"| {phase['offered_per_second']:g}/s | {asked} | {phase['bookings']} ({phase['final']}) "
            f"| {_ms(e2e['p50_ms'])} / {_ms(e2e['p95_ms'])} / {_ms(e2e['p99_ms'])} "
            f"| {_ms(answer['p50_ms'])} / {_ms(answer['p95_ms'])} / {_ms(answer['p99_ms'])} | {settled} "
            f"| {100 * phase['hops']['push_wait_share']:.0f} % "
            f"| {1000 * phase['functions_cpu_seconds_per_booking']:.0f} ms "
            f"| {100 * phase['machine_cpu_busy']:.0f} % |"
        )
    lines += ["", f"![booking latency]({plot_path})", "", *_hops_table(data), *_slots_table(data)]
    return "\n".join(lines) + "\n"


def _hops_table(data: dict[str, Any]) -> list[str]:
    lines = [
        "Where the time goes (critical path, p50 of each hop; `bench/booking_hops.py`): api = due → request "
        "event published; push wait = published → push arrival (the emulator's delivery loop and the queue in "
        "front of its 2 slots per subscription); service = arrival → answer published / final state committed.",
        "",
        "| offered | asked | api | push wait 1 | service 1 | push wait 2 | service 2 | push wait share of the total |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for phase in data["phases"]:
        hops = phase["hops"]
        cells = " | ".join(
            _ms(hops[s]["p50_ms"]) for s in ("api", "push_wait_1", "service_1", "push_wait_2", "service_2")
        )
        lines.append(
            f"| {phase['offered_per_second']:g}/s | {phase['mode']} | {cells} | {100 * hops['push_wait_share']:.0f} % |"
        )
    return [*lines, ""]


def _slots_table(data: dict[str, Any]) -> list[str]:
    lines = [
        "Busy push slots per saga subscription (Σ service time / phase length; the emulator has 2 per "
        "subscription) and the most deliveries ever seen in flight at once:",
        "",
        "| offered | asked | " + " | ".join(f"`{c}`" for c in SAGA_CONSUMERS) + " |",
        "| --- | --- | " + " | ".join("---" for _ in SAGA_CONSUMERS) + " |",
    ]
    for phase in data["phases"]:
        cells = []
        for consumer in SAGA_CONSUMERS:
            load = phase["subscriptions"].get(consumer)
            cells.append(f"{load['busy_slots']:.2f} (peak {load['peak_in_flight']})" if load else "—")
        lines.append(f"| {phase['offered_per_second']:g}/s | {phase['mode']} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def render_soak_section(data: dict[str, Any], plot_path: str = "bench/results/soak_rss.png") -> str:
    lines = [
        "## Soak (issue 17)",
        "",
        f"`{data['consumer']}` served as deployed (functions-framework, gunicorn, 1 worker, "
        f"{data['threads']} threads) fed **{data['events']:,}** events by direct POSTs at a steady "
        f"{data['offered_per_second']:g} events/s offered ({data['achieved_per_second']:.0f}/s achieved, "
        f"{data['acked']:,} acked); the server's process group sampled "
        f"every {data['sample_interval_seconds']:g} s. Slope = least squares over the samples after warm-up "
        f"(the first {data['warmup_events']:,} events), per 10,000 events, ± 2 standard errors. "
        "**Reproduce:** `python -m bench.soak` (short form: `--short`).",
        "",
        "| resource | after warm-up | at the end | slope per 10k events (± 2 SE) | growth over the soak "
        "| noise (2 σ of residuals) | target: no growth beyond noise |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, label, unit in (
        ("rss_mib", "RSS", "MiB"),
        ("open_fds", "open file descriptors", "fds"),
        ("threads", "threads", "threads"),
    ):
        trend = data["trends"][name]
        lines.append(
            f"| {label} | {trend['first']:.1f} {unit} | {trend['last']:.1f} {unit} "
            f"| {trend['slope_per_10k']:+.3f} ± {2 * trend['slope_se_per_10k']:.3f} {unit} "
            f"| {trend['growth_over_soak']:+.2f} {unit} | {trend['noise_2sigma']:.2f} {unit} "
            f"| {'met' if trend['met'] else '**missed**'} |"
        )
    thirds = data.get("rss_trend_by_third", [])
    if thirds:
        slopes = " → ".join(f"{part['slope_per_10k']:+.3f} ± {2 * part['slope_se_per_10k']:.3f}" for part in thirds)
        verdicts = ", ".join("met" if part["met"] else "missed" for part in thirds)
        lines += [
            "",
            f"RSS slope per 10k events in each third after warm-up: {slopes} MiB ({verdicts}): "
            "a growth that slows from third to third is the process settling; a leak keeps its slope.",
        ]
    lines += ["", f"![RSS over the soak]({plot_path})", ""]
    return "\n".join(lines) + "\n"
