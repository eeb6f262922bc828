"""Serve one target with functions-framework's production server (gunicorn, 1 worker, 8
threads, no ``--debug``), started as deployed (``pipeline_kit.http.serve``: gunicorn's request
limits), in its own process group, on a free port.

The project's functions get push auth on (``extra_env``: ``bench.push_auth``'s audience,
caller and local certificate endpoint), ``TRACE_EXPORTER=console`` (real OpenTelemetry spans,
written with the structured log lines to the server's log file) and their idempotency and
outbox as deployed (always on).
"""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.targets import REPO_ROOT, Target
from ops.local_stack.emulators import wait_until
from ops.local_stack.free_port import free_port
from ops.local_stack.managed_process import ManagedProcess

SERVER_THREADS = 8


@dataclass
class FunctionServer:
    target: Target
    project: str
    url: str
    port: int
    process: ManagedProcess

    def stop(self) -> None:
        self.process.stop()


def server_environment(
    target: Target, project: str, emulator_env: Mapping[str, str], extra_env: Mapping[str, str]
) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("K_SERVICE", "TRACE_EXPORTER")}
    env.update(emulator_env)
    env.update(
        {
            "GOOGLE_CLOUD_PROJECT": project,
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "functions"), str(REPO_ROOT)]),
            "PYTHONUNBUFFERED": "1",
            "THREADS": str(SERVER_THREADS),
            "WORKERS": "1",
        }
    )
    if target.is_project:
        env.update({"TRACE_EXPORTER": "console", "ACK_DEADLINE_SECONDS": "60"})
    env.update(extra_env)
    return env


def launch(
    target: Target,
    project: str,
    emulator_env: Mapping[str, str],
    log_dir: Path,
    name: str,
    extra_env: Mapping[str, str] = {},
) -> FunctionServer:
    """Start the server process and return at once (it is not listening yet)."""
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "pipeline_kit.http.serve",
        "--source",
        str(target.source),
        "--target",
        target.function,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    env = server_environment(target, project, emulator_env, extra_env)
    process = ManagedProcess(name, argv, log_dir / f"{name}.log", env=env, cwd=REPO_ROOT).start()
    return FunctionServer(target, project, f"http://127.0.0.1:{port}", port, process)


def start_server(
    target: Target,
    project: str,
    emulator_env: Mapping[str, str],
    log_dir: Path,
    extra_env: Mapping[str, str] = {},
    timeout_seconds: float = 60.0,
) -> FunctionServer:
    """Start the server and wait until it accepts connections."""
    server = launch(target, project, emulator_env, log_dir, f"{target.name}-server", extra_env)
    try:
        wait_until(lambda: _listening(server.port), server.process, time.monotonic() + timeout_seconds)
    except BaseException:
        server.stop()
        raise
    return server


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0
