"""A file of faults already injected, shared by every life of the functions process.

Each line is ``<kind> <key>``. A key (a consumer's event, or an event's first publish) fails
at most once over the whole run, even across SIGKILL restarts, so a real event is never
nacked often enough to reach ``max_delivery_attempts`` because of injected faults.
"""

from __future__ import annotations

import threading
from pathlib import Path


class FaultLedger:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._seen: set[str] = set()
        if path.exists():
            self._seen = {line.split(" ", 1)[1] for line in path.read_text().splitlines() if " " in line}

    def claim(self, kind: str, key: str) -> bool:
        """True once per key: the caller injects the fault; False if it was injected before."""
        with self._lock:
            if key in self._seen:
                return False
            self._seen.add(key)
            with self._path.open("a") as ledger:
                ledger.write(f"{kind} {key}\n")
                ledger.flush()
            return True


def count_faults(path: Path) -> dict[str, int]:
    """Kind → how many faults of it were injected (read by the test process)."""
    counts: dict[str, int] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            kind = line.split(" ", 1)[0]
            counts[kind] = counts.get(kind, 0) + 1
    return counts
