"""Marking outbox records sent off the request path: deferred, coalesced across requests, batched.

The fast path (a push consumer's or an HTTP command's ``relay``) hands the event ids it just
published to the process-wide ``sent_marker()`` and returns without waiting for Firestore.

- **When:** a daemon thread, started on first use (never at import: cold start), waits
  ``LINGER_SECONDS`` (20 ms) after the first waiting id — or not at all once ``EAGER_AT`` (100)
  ids wait or a ``flush`` is asked for — then takes every waiting id, from every request, and
  commits them in batches of at most 500 updates (Firestore's limit): one commit, counted in
  ``FIRESTORE_RPCS``, marks many messages. ``sent_at`` is the time the ids were handed over
  (just after the publish), not the time of the commit.
- **Failures never reach a request:** ``defer`` does not raise. If a batch commit fails (one
  record that no longer exists fails the whole batch with ``NotFound``; or a transient error),
  each of its ids is retried alone, once. Ids still unmarked are logged (``outcome`` =
  ``mark_sent_failed``, ``event_id`` label) and stay ``sent == false``. A retry failing with
  anything but ``NotFound`` ends the retries of that batch (Firestore is likely unavailable):
  the rest are logged as well.
- **Why late or missed marks are safe:** a record left unsent is republished by the sweeper
  once it is older than its threshold (30 s), and a redelivery of the causing event republishes
  it through the duplicate path; publishing is at-least-once and every consumer deduplicates by
  ``event_id``, so the cost is a duplicate acked as such. That happens when the process dies
  with ids waiting (SIGKILL, an instance stopped without its grace period: the window is the
  linger plus one commit) and, on Cloud Run with CPU allocated only during requests, when the
  thread is throttled after the response until the next request arrives.
- **Exit and fork:** ``flush`` runs at interpreter exit (registered with ``atexit`` when the
  thread starts), bounded by ``EXIT_FLUSH_SECONDS``. A forked child starts with nothing waiting
  and starts its own thread on first use (``os.register_at_fork`` and a pid check).
- **Switch:** ``OUTBOX_MARK_SENT=inline`` turns deferral off process-wide: every ``relay`` then
  marks its records in its own commit before it returns (the behaviour before deferral).
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from pipeline_kit.observability import structured_log
from pipeline_kit.outbox.mark_sent_commit import MAX_WRITES_PER_COMMIT, commit_marked_sent, in_commit_sized_chunks

LINGER_SECONDS = 0.02
EAGER_AT = 100
FLUSH_SECONDS = 10.0
EXIT_FLUSH_SECONDS = 5.0
MARK_SENT_ENV = "OUTBOX_MARK_SENT"

CommitFn = Callable[[Any, Mapping[str, datetime]], None]


_inline: bool | None = None


def configure(*, inline: bool) -> None:
    """Mark sent inline after every publish (``OUTBOX_MARK_SENT=inline``) or defer to the marker.
    The composition root calls it once at start from its settings (tests switch it); a process
    that never calls it reads ``OUTBOX_MARK_SENT`` from its environment on every call."""
    global _inline  # noqa: PLW0603 - set by the composition root
    _inline = inline


def marking_is_deferred() -> bool:
    """False when marking is inline (``configure``, else ``OUTBOX_MARK_SENT=inline``)."""
    if _inline is not None:
        return not _inline
    return os.environ.get(MARK_SENT_ENV, "deferred").strip().lower() != "inline"


class SentMarker:
    """Collects published event ids and marks them sent in batches from one daemon thread.

    ``commit(client, {event_id: sent_at})`` writes one batch (``commit_marked_sent`` by default);
    ids are grouped by the client they came with, deduplicated and kept in arrival order.
    """

    def __init__(
        self,
        *,
        linger_seconds: float | None = None,
        eager_at: int | None = None,
        max_batch: int = MAX_WRITES_PER_COMMIT,
        commit: CommitFn = commit_marked_sent,
    ) -> None:
        self._linger = LINGER_SECONDS if linger_seconds is None else linger_seconds
        self._eager_at = EAGER_AT if eager_at is None else eager_at
        self._max_batch = max_batch
        self._commit = commit
        self._atexit_registered = False
        self._start_fresh()

    def _start_fresh(self) -> None:
        """Nothing waiting, no thread: at construction and in a forked child (the parent's lock
        may have been copied while held, and its thread does not exist there)."""
        self._pid = os.getpid()
        self._cond = threading.Condition()
        self._pending: list[tuple[Any, str, datetime]] = []
        self._first_pending_at = 0.0
        self._deferred = 0  # ids ever handed over
        self._done = 0  # ids taken and committed (or failed, or discarded), in order
        self._flushers = 0
        self._generation = 0
        self._thread: threading.Thread | None = None

    def defer(self, client: Any, event_ids: Sequence[str], sent_at: datetime | None = None) -> None:
        """Queue ``event_ids`` (records of ``client``'s database) to be marked sent at ``sent_at``
        (default: now). Never raises."""
        if not event_ids:
            return
        try:
            at = sent_at or datetime.now(UTC)
            self._follow_fork()
            with self._cond:
                self._ensure_thread()  # first: if it cannot start, nothing is queued
                if not self._pending:
                    self._first_pending_at = time.monotonic()
                self._pending.extend((client, event_id, at) for event_id in event_ids)
                self._deferred += len(event_ids)
                if len(self._pending) == len(event_ids) or len(self._pending) >= self._eager_at:
                    self._cond.notify_all()
        except Exception as error:  # e.g. no new thread at interpreter shutdown: the sweeper covers
            structured_log.warning(
                f"could not defer marking outbox records sent: {type(error).__name__}: {error}"[:500],
                outcome="mark_sent_failed",
                event_ids=list(event_ids)[:20],
            )

    def flush(self, timeout: float | None = FLUSH_SECONDS) -> bool:
        """Commit every id deferred before this call now and wait for it.

        True once they are all committed (or found unmarkable and logged); False if ``timeout``
        seconds ran out first (the thread carries on). Never raises for a failed commit.
        """
        self._follow_fork()
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            target = self._deferred
            if self._done >= target:
                return True
            try:
                self._ensure_thread()
            except RuntimeError:  # no new thread at interpreter shutdown: the sweeper covers
                return False
            self._flushers += 1
            self._cond.notify_all()
            try:
                while self._done < target:
                    remaining = None if deadline is None else deadline - time.monotonic()
                    if remaining is not None and remaining <= 0:
                        return False
                    self._cond.wait(remaining)
                return True
            finally:
                self._flushers -= 1

    def discard(self, join_seconds: float = 1.0) -> None:
        """Drop the waiting ids unmarked and retire the thread, waiting up to ``join_seconds``
        for it to end (tests); the next ``defer`` starts a new one."""
        self._follow_fork()
        with self._cond:
            self._done += len(self._pending)
            self._pending = []
            self._generation += 1
            thread, self._thread = self._thread, None
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(join_seconds)
        if self._atexit_registered:
            atexit.unregister(self._flush_at_exit)
            self._atexit_registered = False

    def _follow_fork(self) -> None:
        if self._pid != os.getpid():
            self._start_fresh()

    def _ensure_thread(self) -> None:
        """Start the thread if this generation has none (called holding the lock)."""
        if self._thread is not None and self._thread.is_alive():
            return
        thread = threading.Thread(target=self._run, args=(self._generation,), name="outbox-sent-marker", daemon=True)
        thread.start()
        self._thread = thread
        if not self._atexit_registered:
            atexit.register(self._flush_at_exit)
            self._atexit_registered = True

    def _run(self, generation: int) -> None:
        while True:
            with self._cond:
                while not self._pending and generation == self._generation:
                    self._cond.wait()
                while generation == self._generation and self._flushers == 0 and len(self._pending) < self._eager_at:
                    remaining = self._first_pending_at + self._linger - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(remaining)
                if generation != self._generation:
                    return
                taken, self._pending = self._pending, []
            try:
                self._commit_all(taken)
            except Exception as error:  # the thread must survive anything
                structured_log.error(
                    f"marking outbox records sent failed: {type(error).__name__}: {error}"[:500],
                    outcome="mark_sent_failed",
                )
            finally:
                with self._cond:
                    self._done += len(taken)
                    self._cond.notify_all()

    def _commit_all(self, taken: list[tuple[Any, str, datetime]]) -> None:
        for client, sent_at in _by_client(taken):
            for chunk in in_commit_sized_chunks(sent_at, self._max_batch):
                try:
                    self._commit(client, chunk)
                except Exception as error:
                    self._retry_one_by_one(client, chunk, error)

    def _retry_one_by_one(self, client: Any, chunk: Mapping[str, datetime], batch_error: Exception) -> None:
        from google.api_core.exceptions import NotFound

        unavailable: Exception | None = None  # set once a retry fails for another reason than NotFound
        for event_id, at in chunk.items():
            retried = unavailable is None
            if unavailable is None:
                try:
                    self._commit(client, {event_id: at})
                    continue
                except NotFound as missing:
                    error: Exception = missing
                except Exception as other:
                    error = unavailable = other
            else:
                error = unavailable
            structured_log.warning(
                f"outbox record not marked sent, the sweeper republishes it if it still exists: "
                f"{type(error).__name__}: {error}"[:500],
                outcome="mark_sent_failed",
                batch_error=type(batch_error).__name__,
                retried=retried,
                labels={"event_id": event_id},
            )

    def _flush_at_exit(self) -> None:
        if not self.flush(EXIT_FLUSH_SECONDS):
            structured_log.warning(
                "outbox records still waiting to be marked sent at exit: the sweeper republishes them",
                outcome="mark_sent_failed",
            )


def _by_client(taken: list[tuple[Any, str, datetime]]) -> list[tuple[Any, dict[str, datetime]]]:
    """Ids with their ``sent_at`` grouped by client (usually one per process), each id once
    (its first time), in arrival order."""
    groups: dict[int, tuple[Any, dict[str, datetime]]] = {}
    for client, event_id, at in taken:
        groups.setdefault(id(client), (client, {}))[1].setdefault(event_id, at)
    return list(groups.values())


_lock = threading.Lock()
_marker: SentMarker | None = None
_fork_hook_registered = False


def sent_marker() -> SentMarker:
    """The process-wide marker (created on first use; its thread starts on its first ``defer``)."""
    global _marker, _fork_hook_registered  # noqa: PLW0603 - a process-wide singleton is the point
    if _marker is None:
        with _lock:
            if _marker is None:
                _marker = SentMarker()
                if not _fork_hook_registered:
                    os.register_at_fork(after_in_child=_after_fork_in_child)
                    _fork_hook_registered = True
    return _marker


def flush_sent_marks(timeout: float | None = FLUSH_SECONDS) -> bool:
    """Commit every deferred mark of this process now and wait (tests, shutdown hooks, callers
    that need ``sent == true`` to be visible). True when nothing is left waiting."""
    marker = _marker
    return True if marker is None else marker.flush(timeout)


def reset_sent_marker() -> None:
    """Forget the marker, dropping ids still waiting unmarked (tests; like ``reset_firestore_client``)."""
    global _marker
    with _lock:
        marker, _marker = _marker, None
    if marker is not None:
        marker.discard()


def _after_fork_in_child() -> None:
    # The marker itself starts afresh on its next call (its pid check); this is the module lock.
    global _lock  # noqa: PLW0603 - the parent's lock may have been copied while held
    _lock = threading.Lock()
