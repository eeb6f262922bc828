"""SIGKILL the functions process group at a steady interval and start it again on the same port.

Requests in flight die mid-way (Pub/Sub sees a failed push and retries; API clients see a
dropped connection). Kills are spaced so a message is not nacked ``max_delivery_attempts``
times by kills alone.
"""

from __future__ import annotations

import threading

from ops.local_stack.stack import LocalStack


class ProcessKiller:
    def __init__(self, stack: LocalStack, interval_seconds: float) -> None:
        self._stack = stack
        self._interval = interval_seconds
        self.kills = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="process-killer", daemon=True)

    def start(self) -> ProcessKiller:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=90)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            self._stack.restart_functions()
            self.kills += 1
