"""The resident memory of a functions server under attack: the gunicorn arbiter and its worker,
which share one process group (every server here is started in its own session)."""

from __future__ import annotations

import threading

from bench.process_memory import group_rss_kib


def server_rss(pgid: int) -> int:
    """Resident bytes of every live process of the server's group ``pgid``."""
    return sum(group_rss_kib(pgid).values()) * 1024


class PeakRss:
    """The group's highest resident memory, sampled every few milliseconds while the block runs
    (and once more at its end)."""

    def __init__(self, pgid: int, interval_seconds: float = 0.005) -> None:
        self._pgid, self._interval = pgid, interval_seconds
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, server_rss(self._pgid))
            self._stop.wait(self._interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, server_rss(self._pgid))
