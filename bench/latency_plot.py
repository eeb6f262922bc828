"""The latency-distribution plot (publish → effect committed), one curve per target (PNG, Agg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

COLORS = {"baseline": "#7f7f7f", "calendar": "#1f77b4", "ledger": "#d62728"}
LABELS = {
    "baseline": "naive baseline (set merge)",
    "calendar": "project: trainer_calendar (blind write)",
    "ledger": "project: users_on_trainings (read-modify-write + outbox)",
}


def plot_latencies(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    latency = results["latency"]
    figure, (histogram, cdf) = plt.subplots(1, 2, figsize=(12, 4.5))
    for name, label in LABELS.items():
        samples = sorted(latency[name]["latencies_ms"])
        if not samples:
            continue
        histogram.hist(samples, bins=60, alpha=0.5, color=COLORS[name], label=label)
        cdf.plot(samples, [(i + 1) / len(samples) for i in range(len(samples))], color=COLORS[name], label=label)
    rate = latency["offered_events_per_second"]
    histogram.set_title(f"publish → effect committed, {rate:.0f} events/s offered")
    histogram.set_xlabel("latency (ms)")
    histogram.set_ylabel("events")
    cdf.set_title("cumulative distribution")
    cdf.set_xlabel("latency (ms)")
    cdf.set_ylabel("fraction of events")
    cdf.grid(alpha=0.3)
    histogram.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
