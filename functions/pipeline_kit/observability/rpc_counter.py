"""Counts of Firestore round trips made by the kit's adapters (reads and commits).

The benchmarks read these to report RPCs per event; they cost one locked increment.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass
class RpcCounts:
    reads: int = 0
    commits: int = 0
    queries: int = 0

    @property
    def total(self) -> int:
        return self.reads + self.commits + self.queries


class RpcCounter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts = RpcCounts()

    def add(self, *, reads: int = 0, commits: int = 0, queries: int = 0) -> None:
        with self._lock:
            self._counts.reads += reads
            self._counts.commits += commits
            self._counts.queries += queries

    def snapshot(self) -> RpcCounts:
        with self._lock:
            return RpcCounts(self._counts.reads, self._counts.commits, self._counts.queries)


FIRESTORE_RPCS = RpcCounter()
