"""Count the push outcomes the functions logged (one structured line per push request)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path


def push_outcomes(log_dir: Path) -> Counter[str]:
    """Outcome → how many push requests ended with it, over every life of the functions process."""
    counts: Counter[str] = Counter()
    for log in sorted(log_dir.glob("functions*.log")):
        for line in log.read_text(errors="replace").splitlines():
            if not line.startswith("{"):
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            labels = entry.get("logging.googleapis.com/labels") or entry.get("labels") or {}
            if isinstance(labels, dict) and labels.get("consumer") and entry.get("outcome"):
                counts[str(entry["outcome"])] += 1
    return counts
