"""A child process in its own process group, stopped as a whole group.

The emulator launchers start a ``java`` child: killing the launcher alone leaves Java
running. Every process here is started with ``start_new_session=True`` and stopped with
``killpg`` on its group (SIGTERM, then SIGKILL after a grace period), so nothing is left
behind — also on Ctrl-C or when a test fails.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType


class ManagedProcess:
    """Start ``argv`` in a new session with stdout/stderr appended to ``log_path``."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        log_path: Path,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.log_path = log_path
        self._env = dict(env) if env is not None else dict(os.environ)
        self._cwd = cwd
        self._popen: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self._popen is None:
            raise RuntimeError(f"{self.name} is not started")
        return self._popen.pid

    def start(self) -> ManagedProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._popen = subprocess.Popen(
                self.argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._env,
                cwd=self._cwd,
                start_new_session=True,
            )
        return self

    def is_running(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    def exit_code(self) -> int | None:
        return None if self._popen is None else self._popen.poll()

    def terminate(self) -> None:
        """Send SIGTERM to the whole process group and return at once (``stop`` waits for it):
        stopping several processes, terminate them all first so they shut down side by side."""
        if self._popen is not None:
            _signal_group(self._popen.pid, signal.SIGTERM)

    def stop(self, grace_seconds: float = 5.0) -> None:
        """Stop the whole process group: SIGTERM, wait, then SIGKILL. Safe to call twice."""
        if self._popen is None:
            return
        pgid = self._popen.pid  # the leader of its own session: pgid == pid
        _signal_group(pgid, signal.SIGTERM)
        deadline = time.monotonic() + grace_seconds
        while time.monotonic() < deadline and _group_alive(pgid):
            self._popen.poll()
            time.sleep(0.05)
        if _group_alive(pgid):
            _signal_group(pgid, signal.SIGKILL)
            kill_deadline = time.monotonic() + grace_seconds
            while time.monotonic() < kill_deadline and _group_alive(pgid):
                self._popen.poll()
                time.sleep(0.05)
        with contextlib.suppress(subprocess.TimeoutExpired):  # only if the kernel is stuck
            self._popen.wait(timeout=grace_seconds)

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> ManagedProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, sig)


def _group_alive(pgid: int) -> bool:
    """True while any process of the group exists (zombies of our direct child excluded)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover
        return True
    # killpg(0) succeeds for a zombie leader: check the members' states.
    return any(_state_of(pid) not in ("Z", None) for pid in _members_of(pgid))


def _members_of(pgid: int) -> list[int]:
    members: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) == pgid:
                members.append(int(entry))
        except ProcessLookupError:
            continue
    return members


def _state_of(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return stat.rsplit(")", 1)[1].split()[0]
