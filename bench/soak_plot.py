"""The soak plot (PNG, Agg): RSS of the server's process group over the events handled, with the
fitted line after warm-up; open file descriptors and threads below (``bench/latency_plot.py``'s style)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_soak(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    samples = results["samples"]
    events = [s["events"] for s in samples]
    figure, (rss, counts) = plt.subplots(2, 1, figsize=(12, 6), sharex=True, height_ratios=[2, 1])
    rss.plot(events, [s["rss_mib"] for s in samples], color="#1f77b4", label="RSS (master + worker)")
    fit = results["trends"]["rss_mib"]
    after = [s for s in samples if s["events"] >= results["warmup_events"]]
    if after and fit["samples"] >= 3:
        x0, x1 = after[0]["events"], after[-1]["events"]
        mean_x = sum(s["events"] for s in after) / len(after)
        mean_y = sum(s["rss_mib"] for s in after) / len(after)
        slope = fit["slope_per_10k"] / 10_000
        rss.plot(
            [x0, x1],
            [mean_y + slope * (x0 - mean_x), mean_y + slope * (x1 - mean_x)],
            "--",
            color="#d62728",
            label=f"least squares after warm-up: {fit['slope_per_10k']:+.3f} MiB / 10k events",
        )
    rss.axvline(results["warmup_events"], color="#7f7f7f", linestyle=":", label="end of warm-up")
    if after:  # the scale of the steady state (the start, far below, is off the chart)
        values = [s["rss_mib"] for s in after]
        rss.set_ylim(min(values) - 1.0, max(values) + 1.0)
    rss.set_ylabel("MiB")
    rss.set_title(f"{results['consumer']}: {results['acked']:,} events at {results['offered_per_second']:g}/s")
    rss.legend(fontsize=8)
    rss.grid(alpha=0.3)
    counts.plot(events, [s["open_fds"] for s in samples], color="#2ca02c", label="open file descriptors")
    counts.plot(events, [s["threads"] for s in samples], color="#ff7f0e", label="threads")
    counts.set_xlabel("events handled")
    counts.legend(fontsize=8)
    counts.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
