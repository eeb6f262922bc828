"""Oversized bodies without a token cannot fill the server's memory (limits before work).

The attack of the security review, against the real functions server (functions-framework's
gunicorn, the monolith, push auth ON with a local key as in test_push_auth_tokens): eight
concurrent 32 MiB POSTs without a token, to the API and to a push endpoint, once with a
``Content-Length`` and once chunked (no length), and to the paths that take no body (a trigger,
an unknown consumer, a path functions-framework cannot route). The server's resident memory (the gunicorn
arbiter and its worker, read from ``/proc``) may grow by less than ``RSS_GROWTH_BOUND`` over
its level after a warm-up; before the limits ran ahead of the body it grew by about 256 MB.

Every request is refused: 413 from the API (its JSON error body), 413 ``too_large`` from the
push endpoint when the length says so, and 401 for a chunked push without a token (its
token is checked before its body is read); 401, 404 and 404 from the paths that take none.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from ops.local_stack.stack import LocalStack
from tests.e2e.kit.push_tokens import PushTokenSigner
from tests.hostile.push_auth_stack import push_auth_stack
from tests.hostile.server_memory import PeakRss, server_rss

pytestmark = pytest.mark.e2e

CONSUMER = "trainer-calendar"
ATTACKERS = 8
BODY_BYTES = 32 * 1024 * 1024
CHUNK = b"A" * (1024 * 1024)
RSS_GROWTH_BOUND = 40 * 1024 * 1024
"""Generous on purpose (a loaded 2-core machine, allocator noise); the unbounded server grew by
eight bodies, about 256 MB."""


@pytest.fixture(scope="module")
def auth_stack() -> Iterator[LocalStack]:
    with push_auth_stack("hostile-limits", PushTokenSigner.generate().public_pem) as running:
        yield running


def _chunked_body() -> Iterator[bytes]:
    for _ in range(BODY_BYTES // len(CHUNK)):
        yield CHUNK


def _sized_body() -> bytes:
    return CHUNK * (BODY_BYTES // len(CHUNK))


def _post(url: str, body: Callable[[], Any]) -> tuple[int, Any]:
    """One attacker: its answer's status and JSON body (0 and the error if the server hung up)."""
    try:
        response = requests.post(url, data=body(), headers={"Content-Type": "application/json"}, timeout=180)
    except requests.ConnectionError as error:
        return 0, repr(error)
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text[:200]


def _attack(url: str, body: Callable[[], Any]) -> list[tuple[int, Any]]:
    with ThreadPoolExecutor(ATTACKERS) as pool:
        return list(pool.map(lambda _: _post(url, body), range(ATTACKERS)))


def _warm_up(stack: LocalStack) -> int:
    """Load what a small unauthenticated request loads (the API app, the push consumer), then the level."""
    for path in ("/trainings", f"/push/{CONSUMER}"):
        for _ in range(3):
            requests.post(f"{stack.functions_url}{path}", data=b"{}", timeout=60)
    time.sleep(1.0)
    assert stack.functions is not None
    return max(server_rss(stack.functions.pid) for _ in range(20))


def test_oversized_bodies_without_a_token_leave_the_servers_memory_flat(auth_stack: LocalStack) -> None:
    assert auth_stack.functions is not None
    base = auth_stack.functions_url
    api, push = f"{base}/trainings", f"{base}/push/{CONSUMER}"
    baseline = _warm_up(auth_stack)
    cases = {
        "api, Content-Length": (api, _sized_body),
        "api, chunked": (api, _chunked_body),
        "push, Content-Length": (push, _sized_body),
        "push, chunked": (push, _chunked_body),
        # The paths that take no body: functions-framework's read of the rest finds nothing either.
        "sweeper, Content-Length": (f"{base}/outbox_sweeper", _sized_body),
        "unknown consumer, chunked": (f"{base}/push/no-such-consumer", _chunked_body),
        "unroutable path, Content-Length": (f"{base}/a%0Ab", _sized_body),
    }
    answers: dict[str, list[tuple[int, Any]]] = {}
    peaks: dict[str, int] = {}
    for case, (url, body) in cases.items():
        with PeakRss(auth_stack.functions.pid) as rss:
            answers[case] = _attack(url, body)
        peaks[case] = rss.peak
    growth = max(peaks.values()) - baseline
    print(  # noqa: T201 - the measurement, for the record
        f"\nRSS baseline {baseline / 2**20:.0f} MiB; peak growth under {ATTACKERS} concurrent "
        f"{BODY_BYTES // 2**20} MiB POSTs without a token: "
        + ", ".join(f"{case} {(peak - baseline) / 2**20:+.1f} MiB" for case, peak in peaks.items())
    )
    assert growth < RSS_GROWTH_BOUND, f"grew by {growth / 2**20:.0f} MiB; answers {_statuses(answers)}"
    assert _statuses(answers) == {
        "api, Content-Length": [413] * ATTACKERS,
        "api, chunked": [413] * ATTACKERS,
        "push, Content-Length": [413] * ATTACKERS,
        "push, chunked": [401] * ATTACKERS,
        "sweeper, Content-Length": [401] * ATTACKERS,
        "unknown consumer, chunked": [404] * ATTACKERS,
        "unroutable path, Content-Length": [404] * ATTACKERS,
    }
    assert {body["code"] for _, body in answers["api, Content-Length"] + answers["api, chunked"]} == {"body_too_large"}
    assert {body["outcome"] for _, body in answers["push, Content-Length"]} == {"too_large"}


def _statuses(answers: dict[str, list[tuple[int, Any]]]) -> dict[str, list[int]]:
    return {case: sorted(status for status, _ in results) for case, results in answers.items()}
