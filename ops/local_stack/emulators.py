"""Start the official Pub/Sub and Firestore emulators on free ports and wait until they answer."""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ops.local_stack.free_port import free_port
from ops.local_stack.managed_process import ManagedProcess
from ops.local_stack.required_tools import EmulatorLaunchers


class StartupFailed(RuntimeError):
    """A process of the local stack did not become ready. The message ends with its log tail."""


@dataclass
class RunningEmulators:
    pubsub_host: str
    firestore_host: str
    processes: list[ManagedProcess]

    def environment(self) -> dict[str, str]:
        """The variables the Google client libraries read to talk to the emulators."""
        return {
            "PUBSUB_EMULATOR_HOST": self.pubsub_host,
            "FIRESTORE_EMULATOR_HOST": self.firestore_host,
        }

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()


def start_emulators(launchers: EmulatorLaunchers, log_dir: Path, timeout_seconds: float = 60.0) -> RunningEmulators:
    """Start both emulators (in parallel), each in its own process group; stop both on failure."""
    pubsub_port, firestore_port = free_port(), free_port()
    env = dict(os.environ)
    env.pop("PUBSUB_EMULATOR_HOST", None)
    env.pop("FIRESTORE_EMULATOR_HOST", None)
    pubsub = ManagedProcess(
        "pubsub-emulator",
        [str(launchers.pubsub), "--host=127.0.0.1", f"--port={pubsub_port}"],
        log_dir / "pubsub-emulator.log",
        env=env,
    )
    firestore = ManagedProcess(
        "firestore-emulator",
        [
            str(launchers.firestore),
            "start",
            "--host=127.0.0.1",
            f"--port={firestore_port}",
            "--database-mode=firestore-native",
        ],
        log_dir / "firestore-emulator.log",
        env=env,
    )
    running = RunningEmulators(
        pubsub_host=f"127.0.0.1:{pubsub_port}",
        firestore_host=f"127.0.0.1:{firestore_port}",
        processes=[pubsub, firestore],
    )
    try:
        pubsub.start()
        firestore.start()
        deadline = time.monotonic() + timeout_seconds
        wait_until(lambda: _port_open(pubsub_port), pubsub, deadline)
        wait_until(lambda: _firestore_ready(firestore_port), firestore, deadline)
    except BaseException:
        running.stop()
        raise
    return running


def wait_until(ready: object, process: ManagedProcess, deadline: float) -> None:
    """Poll ``ready()`` until it is true, the process exits, or the deadline passes."""
    assert callable(ready)
    while time.monotonic() < deadline:
        if ready():
            return
        code = process.exit_code()
        if code is not None:
            raise StartupFailed(
                f"{process.name} exited with code {code} during startup (log {process.log_path}):\n{process.log_tail()}"
            )
        time.sleep(0.1)
    raise StartupFailed(f"{process.name} did not become ready in time (log {process.log_path}):\n{process.log_tail()}")


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _firestore_ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
            return bool(response.read().strip() == b"Ok")
    except (urllib.error.URLError, OSError):
        return False
