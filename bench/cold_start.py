"""Cold start: launching the function process → its first acked push (204, write committed).

The clock starts just before the process is spawned (interpreter start, imports, gunicorn boot
and the first request's lazy wiring and client creation all count) and stops when the first
POSTed wrapped push body (with its push token) is answered 204. Connection refusals while it boots are retried
every 5 ms. Each launch is a fresh process on a fresh port, stopped afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from bench.bench_events import BenchEvent
from bench.function_server import launch
from bench.http_push import PushConnection
from bench.targets import Target


class ColdStartFailed(RuntimeError):
    pass


def cold_start_seconds(
    target: Target,
    project: str,
    emulator_env: Mapping[str, str],
    log_dir: Path,
    event: BenchEvent,
    launch_number: int,
    *,
    extra_env: Mapping[str, str],
    authorization: str | None,
    timeout_seconds: float = 60.0,
) -> float:
    started = time.perf_counter()
    server = launch(target, project, emulator_env, log_dir, f"{target.name}-cold-{launch_number}", extra_env)
    try:
        body = event.wrapped_push_body()
        connection = PushConnection("127.0.0.1", server.port, authorization=authorization)
        while time.perf_counter() - started < timeout_seconds:
            try:
                status = connection.post(body)
            except OSError:
                connection.close()
                if server.process.exit_code() is not None:
                    raise ColdStartFailed(
                        f"{target.name} exited during startup:\n{server.process.log_tail()}"
                    ) from None
                time.sleep(0.005)
                continue
            elapsed = time.perf_counter() - started
            connection.close()
            if status != 204:
                raise ColdStartFailed(
                    f"{target.name} answered {status} to its first push:\n{server.process.log_tail()}"
                )
            return elapsed
        raise ColdStartFailed(f"{target.name} did not answer within {timeout_seconds} s")
    finally:
        server.stop()
