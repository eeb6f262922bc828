"""The booking plot (PNG, Agg): end-to-end time per offered load, and the API's own answer with
``Prefer: wait``, as cumulative distributions (the style of ``bench/latency_plot.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LOAD_COLORS = ("#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd")


def plot_booking_latency(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (end_to_end, answer) = plt.subplots(1, 2, figsize=(12, 4.5))
    loads = sorted({phase["offered_per_second"] for phase in results["phases"]})
    for phase in results["phases"]:
        color = LOAD_COLORS[loads.index(phase["offered_per_second"]) % len(LOAD_COLORS)]
        style = "-" if phase["mode"] == "plain" else "--"
        label = f"{phase['offered_per_second']:g}/s, {'202 at once' if phase['mode'] == 'plain' else 'Prefer: wait'}"
        _cdf(end_to_end, phase["end_to_end_ms"], color, style, label)
        if phase["mode"] == "wait":
            _cdf(answer, phase["answer_ms"], color, "-", f"{phase['offered_per_second']:g}/s")
    end_to_end.set_title("POST /trainings → final state committed")
    answer.set_title("the API's answer with Prefer: wait (200 settled, 202 not)")
    for axis in (end_to_end, answer):
        axis.set_xscale("log")
        axis.set_xlabel("ms (log scale)")
        axis.set_ylabel("fraction of bookings")
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _cdf(axis: Any, samples: list[float], color: str, style: str, label: str) -> None:
    ordered = sorted(samples)
    if ordered:
        axis.plot(ordered, [(i + 1) / len(ordered) for i in range(len(ordered))], style, color=color, label=label)
