"""Run the counter test app under functions-framework's production server, on a free port,
started as deployed (``pipeline_kit.http.serve``: gunicorn's request limits)."""

from __future__ import annotations

import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ops.local_stack.emulators import wait_until
from ops.local_stack.free_port import free_port
from ops.local_stack.managed_process import ManagedProcess

REPO_ROOT = Path(__file__).resolve().parents[3]
APP_SOURCE = Path(__file__).resolve().parent / "counter_app" / "main.py"


@dataclass
class CounterAppProcess:
    url: str
    process: ManagedProcess

    @property
    def push_url(self) -> str:
        return f"{self.url}/push"

    def stop(self) -> None:
        self.process.stop()


AppFactory = Callable[[dict[str, str]], CounterAppProcess]
"""Starts one more counter app for the current test, with overrides on its environment."""


def start_counter_app(
    name: str, env: Mapping[str, str], log_dir: Path, timeout_seconds: float = 30.0
) -> CounterAppProcess:
    """Start ``counter_app`` with ``env`` on top of this process's environment; wait for /healthz."""
    port = free_port()
    environment = dict(os.environ)
    environment.pop("K_SERVICE", None)
    environment.update(
        {
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "functions"), str(REPO_ROOT)]),
            "PYTHONUNBUFFERED": "1",
            "TRACE_EXPORTER": "none",
            "THREADS": "8",
        }
    )
    environment.update(env)
    process = ManagedProcess(
        name,
        [
            sys.executable,
            "-m",
            "pipeline_kit.http.serve",
            "--source",
            str(APP_SOURCE),
            "--target",
            "counter_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        log_dir / f"{name}.log",
        env=environment,
        cwd=REPO_ROOT,
    ).start()
    app = CounterAppProcess(url=f"http://127.0.0.1:{port}", process=process)
    try:
        wait_until(lambda: _healthy(f"{app.url}/healthz"), process, time.monotonic() + timeout_seconds)
    except BaseException:
        process.stop()
        raise
    return app


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - local URL
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False
