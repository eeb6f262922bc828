"""The scheduler triggers' query parameters: anything but a number in range is 400 (never 500,
never silently clamped), checked after the gate and before any work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, request

from wild_workouts.http import scheduled_trigger
from wild_workouts.http.outbox_sweeper_trigger import handle_sweep_request, sweep_age_seconds
from wild_workouts.trainings.entrypoints.saga_timeouts_trigger import handle_saga_timeouts_request, saga_batch_size

pytestmark = pytest.mark.unit

BAD_AGES = [
    "nan",
    "NaN",
    "inf",
    "-inf",
    "infinity",
    "-1",
    "-0.5",
    "86401",
    "1e400",
    "1e308",
    "x",
    "",
    " ",
    "0x10",
    "1_0",
]
BAD_LIMITS = ["nan", "inf", "-1", "0", "501", "1e3", "2.5", "x", "", "9" * 5000, "1_0", "\u0661"]


@pytest.fixture
def open_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduled_trigger, "refused_scheduler_call", lambda _request, _authenticator_for: None)


def _no_authenticator(_scope: str | None) -> Any:
    raise AssertionError("the gate is open in these tests")


def _no_emitter() -> Any:
    raise AssertionError("a refused parameter runs no work")


def _answer(handler: Callable[[Any], Any], query: str) -> tuple[int, Any]:
    with Flask(__name__).test_request_context(f"/trigger?{query}", method="POST"):
        body, status = handler(request)
        return status, body.get_json()


@pytest.mark.parametrize("value", BAD_AGES)
def test_an_age_that_is_not_a_finite_number_in_range_is_400(open_gate: None, value: str) -> None:
    status, body = _answer(lambda req: handle_sweep_request(req, _no_authenticator), f"older_than_seconds={value}")
    assert status == 400
    assert body["code"] == "invalid_argument"
    assert "older_than_seconds" in body["message"]


@pytest.mark.parametrize("value", BAD_LIMITS)
def test_a_limit_that_is_not_an_integer_in_range_is_400(open_gate: None, value: str) -> None:
    status, body = _answer(
        lambda req: handle_saga_timeouts_request(req, _no_authenticator, _no_emitter), f"limit={value}"
    )
    assert status == 400
    assert body["code"] == "invalid_argument"
    assert "limit" in body["message"]


@pytest.mark.parametrize(
    ("text", "seconds"), [(None, 30.0), ("0", 0.0), ("10.0", 10.0), ("86400", 86400.0), ("2.5", 2.5)]
)
def test_accepted_ages(text: str | None, seconds: float) -> None:
    assert sweep_age_seconds(text) == seconds


@pytest.mark.parametrize(("text", "limit"), [(None, 200), ("1", 1), ("50", 50), ("500", 500)])
def test_accepted_limits(text: str | None, limit: int) -> None:
    assert saga_batch_size(text) == limit
