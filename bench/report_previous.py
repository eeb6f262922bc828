"""The run against the previous one: the figures of the ``benchmark.json`` a full run replaces,
kept in the new results (``previous``), so the report can say whether anything got worse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

COMPARED = ("baseline", "calendar", "ledger")


def previous_figures(path: Path) -> dict[str, Any] | None:
    """Cold start medians and throughputs of the results at ``path`` (None: no such file)."""
    if not path.exists():
        return None
    old = json.loads(path.read_text())
    return {
        "load_before": old.get("load_before"),
        "push_auth": old.get("push_auth", "disabled"),
        "targets": {
            name: {
                "cold_start_ms": old["cold_start"][name]["median_ms"],
                "direct": old["direct"][name]["events_per_second"],
                "push": old["push"][name]["events_per_second"],
            }
            for name in COMPARED
            if name in old["cold_start"]
        },
    }


def previous_run_section(results: dict[str, Any]) -> list[str]:
    previous = results.get("previous")
    if not previous:
        return []
    lines = [
        "## Against the previous run (the `benchmark.json` this run replaced)",
        "",
        "| target | cold start, previous → now | direct, previous → now | push, previous → now |",
        "| --- | --- | --- | --- |",
    ]
    for name, old in previous["targets"].items():
        if name not in results["cold_start"]:
            continue
        cold = results["cold_start"][name]["median_ms"]
        direct = results["direct"][name]["events_per_second"]
        push = results["push"][name]["events_per_second"]
        lines.append(
            f"| {name} | {old['cold_start_ms']:.0f} → {cold:.0f} ms (×{cold / old['cold_start_ms']:.2f}) "
            f"| {old['direct']:.0f} → {direct:.0f} ev/s (×{direct / old['direct']:.2f}) "
            f"| {old['push']:.0f} → {push:.0f} ev/s (×{push / old['push']:.2f}) |"
        )
    lines += [
        "",
        f"Previous run: push auth {previous['push_auth']}, load average before it {previous['load_before']}; "
        f"this run: push auth {results.get('push_auth', 'disabled')}, load average before it {results['load_before']}. "
        "Absolute figures move with the load of the shared machine; the ratios of the same run above do not.",
        "",
    ]
    return lines
