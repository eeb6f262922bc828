"""A request line or header of any length cannot fill the server's memory (limits before work).

functions-framework's own CLI starts gunicorn with no limit on the request line: a 4 MiB line
cost the worker about 47 MiB and seconds of reading, a 32 MiB one got no answer at all. The
server as deployed (``python -m pipeline_kit.http.serve``, the monolith, one worker with eight
threads as in the image) refuses them inside gunicorn, before any code of ours: a request line
past 8190 bytes is 414, a header past 8190 bytes or more than 100 headers is 431, each answered
at once and the connection closed; the next normal request is answered, and the resident
memory of the gunicorn arbiter and its worker (``/proc``, sampled while the attack runs) grows
by less than ``RSS_GROWTH_BOUND``.

No emulators: everything refused here never reaches our code, and the normal request
(``/healthz``) touches no store.
"""

from __future__ import annotations

import os
import select
import socket
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from ops.local_stack.emulators import wait_until
from ops.local_stack.free_port import free_port
from ops.local_stack.local_paths import REPO_ROOT, new_log_dir
from ops.local_stack.managed_process import ManagedProcess
from tests.hostile.server_memory import PeakRss, server_rss

pytestmark = pytest.mark.e2e

MiB = 1024 * 1024
RSS_GROWTH_BOUND = 20 * MiB
"""Generous (allocator noise on a loaded machine); unlimited, one 4 MiB line grew it by 47 MiB."""
ANSWER_BOUND_SECONDS = 5.0
"""The refusal comes after at most a few KiB read: milliseconds. An attacker here sends for at
most this long and then waits as long for the answer (unlimited, 32 MiB got none in 20 s)."""


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, ManagedProcess]]:
    """The monolith served through the launcher on a free port (``url``, its process)."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key != "K_SERVICE"}
    environment.update(
        {
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "functions"), str(REPO_ROOT)]),
            "PYTHONUNBUFFERED": "1",
            "TRACE_EXPORTER": "none",
            "WORKERS": "1",
            "THREADS": "8",
        }
    )
    argv = [sys.executable, "-m", "pipeline_kit.http.serve", "--source", str(REPO_ROOT / "functions" / "main.py")]
    argv += ["--target", "monolith", "--host", "127.0.0.1", "--port", str(port)]
    log = new_log_dir("hostile-request-line") / "functions.log"
    process = ManagedProcess("functions", argv, log, env=environment, cwd=REPO_ROOT).start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _healthz(url) == 200, process, time.monotonic() + 60)
        yield url, process
    finally:
        process.stop()


def _healthz(url: str) -> int:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310 - local URL
            return int(response.status)
    except OSError:
        return 0


def _send(url: str, head: bytes, filler: int, tail: bytes) -> tuple[int, float]:
    """Send ``head``, ``filler`` bytes of ``a`` and ``tail`` as an attacker would (stopping once
    the server has answered or hung up, or after ``ANSWER_BOUND_SECONDS``); the answer's status
    (0: none) and the seconds from the first byte sent to the answer."""
    host, port = url.removeprefix("http://").split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=ANSWER_BOUND_SECONDS) as sock:
        chunk = b"a" * (64 * 1024)
        try:
            sock.sendall(head)
            for offset in range(0, filler, len(chunk)):
                if select.select([sock], [], [], 0)[0] or time.monotonic() - started > ANSWER_BOUND_SECONDS:
                    break  # answered (or closed) already, or the server reads without end
                sock.sendall(chunk[: filler - offset])
            else:
                sock.sendall(tail)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the server stopped reading (and closed): its answer may be waiting
        answer = b""
        try:
            while b"\r\n" not in answer:
                received = sock.recv(4096)
                if not received:
                    break
                answer += received
        except (ConnectionResetError, TimeoutError):
            pass
    elapsed = time.monotonic() - started
    words = answer.split(b"\r\n", 1)[0].split()
    return (int(words[1]) if len(words) > 1 and words[1].isdigit() else 0), elapsed


def test_oversized_request_lines_and_headers_are_refused_at_once_and_memory_stays_flat(
    server: tuple[str, ManagedProcess],
) -> None:
    url, process = server
    line_tail = b" HTTP/1.1\r\nHost: x\r\n\r\n"
    cases = {
        "1 MiB request line": (b"GET /", MiB, line_tail),
        "32 MiB request line": (b"GET /", 32 * MiB, line_tail),
        "1 MiB header": (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ", MiB, b"\r\n\r\n"),
        "200 headers": (b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 200, 0, b"\r\n"),
    }
    _send(url, b"GET /", 16 * 1024, line_tail)  # the refusal's own code path, loaded once
    baseline = max(server_rss(process.pid) for _ in range(10))
    answers: dict[str, tuple[int, float]] = {}
    with PeakRss(process.pid) as rss:
        for case, (head, filler, tail) in cases.items():
            answers[case] = _send(url, head, filler, tail)
        after = _healthz(url)
    growth = rss.peak - baseline
    print(  # noqa: T201 - the measurement, for the record
        f"\nRSS baseline {baseline / MiB:.0f} MiB, peak growth {growth / MiB:+.1f} MiB; "
        + ", ".join(f"{case}: {status} in {seconds:.2f} s" for case, (status, seconds) in answers.items())
    )
    assert {case: status for case, (status, _) in answers.items()} == {
        "1 MiB request line": 414,
        "32 MiB request line": 414,
        "1 MiB header": 431,
        "200 headers": 431,
    }
    assert all(seconds < ANSWER_BOUND_SECONDS for _, seconds in answers.values()), answers
    assert after == 200  # still answering, right after
    assert growth < RSS_GROWTH_BOUND, f"grew by {growth / MiB:.0f} MiB"
