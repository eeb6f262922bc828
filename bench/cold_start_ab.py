"""``python -m bench.cold_start_ab REV_A REV_B [--rounds N]``: the cold start of
``trainer_calendar`` at two revisions of this repository, launches alternating A/B, B/A on the
same emulators.

Each revision is checked out into a temporary git worktree and compiled to bytecode (as the image
is); each launch spawns that tree's own production server (``python -m pipeline_kit.http.serve``
where the tree has it, else functions-framework's CLI, as its Dockerfile did) and stops the clock
at the first wrapped push answered 204 (its write committed), as ``bench.cold_start`` does. Push
auth is off and tracing is ``console`` in both, so revisions from before push auth was measured
compare like for like. Prints each side's median and minimum and the ratio of the medians. This
is how a restructuring is checked against the cold start in ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

from bench.targets import CALENDAR, REPO_ROOT

FIRST_PUSH_TIMEOUT_SECONDS = 60.0


def _worktree(revision: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(REPO_ROOT), "worktree", "add", "--detach", "-f", str(into), revision], check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "functions")], check=True)
    return into


def _server_argv(tree: Path, port: int) -> list[str]:
    has_serve = (tree / "functions" / "pipeline_kit" / "http" / "serve.py").exists()
    module = "pipeline_kit.http.serve" if has_serve else "functions_framework"
    source = str(tree / "functions" / "main.py")
    argv = [sys.executable, "-m", module, "--source", source, "--target", "trainer_calendar"]
    return [*argv, "--host", "127.0.0.1", "--port", str(port)]


def _first_push_ms(tree: Path, body: bytes, env: Mapping[str, str], log: Path) -> float:
    from ops.local_stack.free_port import free_port

    port = free_port()
    started = time.perf_counter()
    with log.open("wb") as output:
        server = subprocess.Popen(
            _server_argv(tree, port), env=dict(env), stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            while time.perf_counter() - started < FIRST_PUSH_TIMEOUT_SECONDS:
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    connection.request("POST", "/", body, {"Content-Type": "application/json"})
                    status = connection.getresponse().status
                except OSError:
                    if server.poll() is not None:
                        raise SystemExit(f"the server of {tree.name} exited: see {log}") from None
                    time.sleep(0.005)
                    continue
                if status != 204:
                    raise SystemExit(f"the server of {tree.name} answered {status}: see {log}")
                return (time.perf_counter() - started) * 1000
            raise SystemExit(f"the server of {tree.name} did not answer in {FIRST_PUSH_TIMEOUT_SECONDS} s")
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, 15)
            server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start_ab", description=__doc__)
    parser.add_argument("revision_a")
    parser.add_argument("revision_b")
    parser.add_argument("--rounds", type=int, default=16, help="launches per revision (default 16)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO_ROOT / "functions"))
    from bench.bench_events import EventSource
    from ops.local_stack.emulators import start_emulators
    from ops.local_stack.local_paths import new_log_dir
    from ops.local_stack.required_tools import find_emulators

    log_dir = new_log_dir("bench-cold-start-ab")
    with tempfile.TemporaryDirectory(prefix="cold-start-ab-") as scratch:
        revisions = {"A": args.revision_a, "B": args.revision_b}
        trees = {name: _worktree(revision, Path(scratch) / name) for name, revision in revisions.items()}
        emulators = start_emulators(find_emulators(), log_dir)
        times: dict[str, list[float]] = {"A": [], "B": []}
        try:
            events = EventSource(CALENDAR, "ab" + uuid.uuid4().hex[:6])
            base = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
            base.update(emulators.environment())
            for round_number in range(args.rounds):
                for name in ("A", "B") if round_number % 2 == 0 else ("B", "A"):
                    env = {
                        **base,
                        "GOOGLE_CLOUD_PROJECT": f"cold-start-ab-{name.lower()}",
                        "PYTHONPATH": str(trees[name] / "functions"),
                        "PUSH_AUTH_DISABLED": "true",
                        "TRACE_EXPORTER": "console",
                        "ACK_DEADLINE_SECONDS": "60",
                        "THREADS": "8",
                        "WORKERS": "1",
                    }
                    body = events.take(1)[0].wrapped_push_body()
                    log = log_dir / f"{name}-{round_number}.log"
                    times[name].append(_first_push_ms(trees[name], body, env, log))
        finally:
            emulators.stop()
            for tree in trees.values():
                subprocess.run(["git", "-C", str(REPO_ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    for name, revision in revisions.items():
        samples = times[name]
        median, fastest = statistics.median(samples), min(samples)
        print(f"{name} {revision}: median {median:.1f} ms, min {fastest:.1f} ms, n {len(samples)}")
    print(f"B / A, medians: ×{statistics.median(times['B']) / statistics.median(times['A']):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
