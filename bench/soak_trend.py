"""Is a resource growing? A least-squares line through (events handled, value) samples, with its
uncertainty, against the samples' own scatter.

- ``slope_per_10k``: the fitted growth per 10,000 events; ``slope_se_per_10k`` its standard
  error (from the residuals: ``sqrt(Σr² / (n - 2) / Σ(x - x̄)²)``);
- ``growth_over_soak``: the slope times the events the fit spans;
- ``noise_2sigma``: twice the residuals' standard deviation (the scatter of single samples);
- ``met`` ("no growth beyond noise"): the predicted growth over the soak is within the noise
  band, or the slope is within two standard errors of zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

PER = 10_000


def trend(samples: Sequence[dict[str, Any]], name: str) -> dict[str, Any]:
    """The fit of ``sample[name]`` against ``sample["events"]`` (see the module contract)."""
    xs = [float(s["events"]) / PER for s in samples]
    ys = [float(s[name]) for s in samples]
    n = len(xs)
    if n < 3 or max(xs) == min(xs):
        nan = math.nan
        return {
            "samples": n,
            "first": ys[0] if ys else nan,
            "last": ys[-1] if ys else nan,
            "slope_per_10k": nan,
            "slope_se_per_10k": nan,
            "growth_over_soak": nan,
            "noise_2sigma": nan,
            "met": False,
        }
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    residuals = [y - (intercept + slope * x) for x, y in zip(xs, ys, strict=True)]
    rss = sum(r * r for r in residuals)
    slope_se = math.sqrt(rss / (n - 2) / sxx)
    noise = 2 * math.sqrt(rss / (n - 2))
    growth = slope * (max(xs) - min(xs))
    return {
        "samples": n,
        "first": ys[0],
        "last": ys[-1],
        "slope_per_10k": slope,
        "slope_se_per_10k": slope_se,
        "growth_over_soak": growth,
        "noise_2sigma": noise,
        "met": abs(growth) <= noise or abs(slope) <= 2 * slope_se,
    }


def trend_by_part(samples: Sequence[dict[str, Any]], name: str, parts: int = 3) -> list[dict[str, Any]]:
    """``trend`` over each of ``parts`` equal spans of events: a growth that slows down from part
    to part is the process settling; one that keeps its slope is a leak."""
    if not samples:
        return []
    low, high = samples[0]["events"], samples[-1]["events"]
    edges = [low + (high - low) * k / parts for k in range(parts + 1)]
    return [
        {
            "from_events": edges[k],
            "to_events": edges[k + 1],
            **trend([s for s in samples if edges[k] <= s["events"] <= edges[k + 1]], name),
        }
        for k in range(parts)
    ]
