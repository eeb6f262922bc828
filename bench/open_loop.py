"""Open-loop HTTP load: request ``i`` is due at ``start + i / rate`` whether or not the earlier
ones have been answered (a pool of sender threads large enough that no request waits for a free
one), so a slow answer never slows the offered load down.

Each request's time is taken from when it was *due*, not from when a thread got round to
sending it: a sender that fell behind is counted against the system, not hidden (no
coordinated omission). The lateness of each send is kept too, to show the load generator kept up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import requests

Request = Callable[[requests.Session], tuple[int, Any]]
"""Send one request on the given session; return (HTTP status, parsed body)."""


@dataclass(frozen=True)
class Sent:
    """One request of an open-loop run: when it was due and sent, when answered (epoch seconds)."""

    index: int
    due_at: float
    sent_at: float
    answered_at: float
    status: int
    body: Any


def run_open_loop(requests_to_send: Sequence[Request], rate: float, max_in_flight: int) -> list[Sent]:
    """Send every request at ``rate`` per second (open loop); every answer, in index order.

    ``max_in_flight`` bounds the sender threads: choose it above rate × the longest answer
    expected, or sends fall behind their schedule (visible in ``sent_at - due_at``).
    """
    sessions = threading.local()
    results: list[Sent | None] = [None] * len(requests_to_send)

    def send(index: int, due_at: float) -> None:
        session = getattr(sessions, "session", None)
        if session is None:
            session = sessions.session = requests.Session()
        sent_at = time.time()
        try:
            status, body = requests_to_send[index](session)
        except requests.RequestException as error:  # the system failed this request: kept, not raised
            status, body = 0, repr(error)
        results[index] = Sent(index, due_at, sent_at, time.time(), status, body)

    start = time.time() + 0.05
    with ThreadPoolExecutor(max_workers=max_in_flight, thread_name_prefix="open-loop") as pool:
        for index in range(len(requests_to_send)):
            due_at = start + index / rate
            delay = due_at - time.time()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, index, due_at)
    return [sent for sent in results if sent is not None]
