"""The post-deploy smoke checks, against a fake HTTP fetch."""

from __future__ import annotations

import json

import pytest

from ops.smoke.smoke_checks import Fetch, run_smoke_checks

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
