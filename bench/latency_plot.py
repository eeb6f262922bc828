"""The latency-distribution plot (publish → effect committed): one panel per consumer kind, the
consumer and its anchor at the same offered load (PNG, Agg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PANELS = (
    ("calendar", "baseline", "blind write"),
    ("ledger", "transactional", "read-modify-write + publish"),
)
COLORS = {"baseline": "#7f7f7f", "calendar": "#1f77b4", "transactional": "#ff7f0e", "ledger": "#d62728"}
LABELS = {
    "baseline": "naive blind write (set merge)",
    "calendar": "project: trainer_calendar",
    "transactional": "naive transactional (transaction + publish)",
    "ledger": "project: users_on_trainings",
}


def plot_latencies(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    latency = results["latency"]
    figure, axes = plt.subplots(1, len(PANELS), figsize=(12, 4.5))
    for axis, (project, anchor, kind) in zip(axes, PANELS, strict=True):
        for name in (anchor, project):
            samples = sorted(latency[name]["latencies_ms"])
            if samples:
                fractions = [(i + 1) / len(samples) for i in range(len(samples))]
                axis.plot(samples, fractions, color=COLORS[name], label=LABELS[name])
        rate = latency[project]["offered_events_per_second"]
        axis.set_title(f"{kind}: publish → committed, {rate:.0f} events/s offered")
        axis.set_xlabel("latency (ms)")
        axis.set_ylabel("fraction of events")
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
