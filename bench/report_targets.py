"""The targets of each consumer against its anchor (issues 7 and 17), as data: which figure,
which limit, which way is better. ``bench.report`` marks each met or missed from the run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    ratio: float
    higher_is_better: bool

    def met(self, ratio: float) -> bool:
        return ratio >= self.ratio if self.higher_is_better else ratio <= self.ratio

    def text(self) -> str:
        return f"{'≥' if self.higher_is_better else '≤'} {self.ratio:g} ×"


AT_MOST = False
AT_LEAST = True

LIMITS: dict[str, dict[str, Limit]] = {
    "calendar": {
        "cold_start": Limit(1.0, AT_MOST),
        "direct": Limit(0.7, AT_LEAST),
        "push": Limit(0.7, AT_LEAST),
        "p99": Limit(1.5, AT_MOST),
        "rss": Limit(1.2, AT_MOST),
    },
    "ledger": {
        "cold_start": Limit(1.0, AT_MOST),
        "direct": Limit(1.0, AT_LEAST),
        "push": Limit(1.0, AT_LEAST),
        "p99": Limit(1.0, AT_MOST),
        "rss": Limit(1.2, AT_MOST),
    },
}
"""Per project target, per figure: the limit on project / anchor."""

KIT_OVERHEAD = Limit(0.5, AT_LEAST)
"""The in-process kit overhead: full kit ≥ 0.5 × a bare handler (issue 3)."""
