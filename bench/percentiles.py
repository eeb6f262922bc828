"""Nearest-rank percentiles and medians of measured samples."""

from __future__ import annotations

import math
import statistics


def percentile(samples: list[float], rank: float) -> float:
    """The nearest-rank ``rank`` percentile (0 < rank <= 100); NaN for no samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    index = max(0, math.ceil(rank / 100 * len(ordered)) - 1)
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else math.nan
