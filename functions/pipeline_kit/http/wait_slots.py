"""How many requests of one process may wait at once: a bound that never blocks.

A request that honours a wait preference (``Prefer: wait=N``, see ``settle_wait``) holds a
server thread while it waits. In a process whose threads also serve what would end the wait
(the push deliveries that settle a saga), waiters that take every thread starve those
deliveries, and the waits end only at their deadlines. ``WaitSlots(limit)`` keeps the waiters
to ``limit``:

- ``try_acquire()`` never blocks: it returns a slot (a context manager that gives the slot back
  when its ``with`` block ends, on an exception too; once, however often it is exited) or, when
  ``limit`` slots are taken, None: the caller then answers without waiting, as a server may
  decline a preference (RFC 7240: a preference is a hint; the answer omits ``Preference-Applied``);
- ``limit`` 0 declines every wait.

``slots_for_threads(threads)`` is the bound this kit recommends for a server with ``threads``
request threads: half of them, at least one, so the other half stays free for what is not a
wait. Thread-safe; one instance per process (each worker process has its own threads).
"""

from __future__ import annotations

import threading
from types import TracebackType


class WaitSlot:
    """One taken slot; leaving its ``with`` block gives it back (only the first time)."""

    def __init__(self, slots: WaitSlots) -> None:
        self._slots: WaitSlots | None = slots

    def __enter__(self) -> WaitSlot:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        slots, self._slots = self._slots, None
        if slots is not None:
            slots._give_back()


class WaitSlots:
    """At most ``limit`` slots taken at once (see the module contract)."""

    def __init__(self, limit: int) -> None:
        if limit < 0:
            raise ValueError(f"a wait slot limit is 0 or more, got {limit}")
        self._limit = limit
        self._taken = 0
        self._lock = threading.Lock()

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def taken(self) -> int:
        """Slots taken now (a snapshot: other threads may change it right after)."""
        with self._lock:
            return self._taken

    def try_acquire(self) -> WaitSlot | None:
        """A slot if one is free, else None at once (never blocks)."""
        with self._lock:
            if self._taken >= self._limit:
                return None
            self._taken += 1
        return WaitSlot(self)

    def _give_back(self) -> None:
        with self._lock:
            self._taken -= 1


def slots_for_threads(threads: int) -> int:
    """Half of a server's ``threads`` request threads, at least one."""
    return max(1, threads // 2)
