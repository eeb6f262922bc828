"""The post-deploy smoke checks, against a fake HTTP fetch."""

from __future__ import annotations

import json

import pytest

from ops.smoke.smoke_checks import Fetch, NotAUrl, Unreachable, run_smoke_checks

pytestmark = pytest.mark.unit

OPENAPI = json.dumps({"openapi": "3.1.0", "paths": {}}).encode()


def fake(answers: dict[str, list[tuple[int, bytes]]]) -> tuple[list[str], Fetch]:
    calls: list[str] = []

    def get(url: str) -> tuple[int, bytes]:
        calls.append(url)
        replies = answers[url.rsplit("/", 1)[-1]]
        return replies.pop(0) if len(replies) > 1 else replies[0]

    return calls, get


def test_a_healthy_api_passes() -> None:
    calls, get = fake({"openapi.json": [(200, OPENAPI)], "trainings": [(401, b"")]})

    results = run_smoke_checks("https://api.example/", get, attempts=1, pause_seconds=0)

    assert [r.ok for r in results] == [True, True]
    assert calls == ["https://api.example/openapi.json", "https://api.example/trainings"]


def test_a_cold_start_is_retried() -> None:
    _, get = fake({"openapi.json": [(503, b""), (200, OPENAPI)], "trainings": [(401, b"")]})

    results = run_smoke_checks("https://api.example", get, attempts=3, pause_seconds=0)

    assert all(r.ok for r in results)


def test_an_open_door_fails() -> None:
    _, get = fake({"openapi.json": [(200, OPENAPI)], "trainings": [(200, b"[]")]})

    results = run_smoke_checks("https://api.example", get, attempts=2, pause_seconds=0)

    assert [r.ok for r in results] == [True, False]
    assert "answered 200 (expected 401)" in results[1].detail


def test_a_string_that_is_no_url_is_refused_before_any_request() -> None:
    calls, get = fake({})

    with pytest.raises(NotAUrl, match="not an API URL: 'not-a-url'"):
        run_smoke_checks("not-a-url", get, attempts=1, pause_seconds=0)
    assert calls == []


def test_an_api_that_never_answers_is_one_error_after_the_attempts_each_announced() -> None:
    calls: list[str] = []
    waits: list[tuple[int, int, str]] = []

    def refused(url: str) -> tuple[int, bytes]:
        calls.append(url)
        raise ConnectionRefusedError(111, "Connection refused")

    with pytest.raises(Unreachable, match=r"cannot reach https://api.example: .*refused \(after 3 attempts\)"):
        run_smoke_checks(
            "https://api.example", refused, attempts=3, pause_seconds=0, on_wait=lambda *w: waits.append(w)
        )

    assert calls == ["https://api.example/openapi.json"] * 3, "the second check is not tried"
    assert [(a, n) for a, n, _ in waits] == [(1, 3), (2, 3)]
    assert all(detail.startswith("https://api.example/openapi.json: ") for _, _, detail in waits)
