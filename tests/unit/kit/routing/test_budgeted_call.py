"""Calls inside a delivery: the library's retry off, each attempt within the time left, the kit's
own retries only while the budget lasts; outside a delivery the library's defaults."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from google.api_core import exceptions

from pipeline_kit.deadline.budgeted_call import call_within_budget
from pipeline_kit.deadline.delivery_deadline import DeadlineExceeded, clear_deadline, start_deadline

pytestmark = pytest.mark.unit


@pytest.fixture
def budget() -> Iterator[float]:
    token = start_deadline(0.5)
    try:
        yield 0.5
    finally:
        clear_deadline(token)


def test_outside_a_delivery_the_library_keeps_its_own_retry_and_timeout() -> None:
    seen: list[dict[str, Any]] = []

    def call(options: dict[str, Any]) -> str:
        seen.append(options)
        return "ok"

    assert call_within_budget(call) == "ok"
    assert seen == [{}]


def test_inside_a_delivery_the_library_does_not_retry_and_the_timeout_is_the_time_left(budget: float) -> None:
    seen: list[dict[str, Any]] = []
    call_within_budget(seen.append)
    assert seen[0]["retry"] is None
    assert 0 < seen[0]["timeout"] <= budget


def test_a_default_timeout_bounds_a_call_outside_a_delivery_and_caps_one_inside(budget: float) -> None:
    seen: list[dict[str, Any]] = []
    call_within_budget(seen.append, default_timeout=0.2)
    assert seen[0]["retry"] is None and seen[0]["timeout"] <= 0.2


def test_a_default_timeout_alone_bounds_the_call() -> None:
    seen: list[dict[str, Any]] = []
    call_within_budget(seen.append, default_timeout=3.0)
    assert seen[0]["retry"] is None and 2.9 < seen[0]["timeout"] <= 3.0


@pytest.mark.parametrize(
    "kind",
    [
        exceptions.ServiceUnavailable,
        exceptions.InternalServerError,
        exceptions.Aborted,
        ConnectionError,
    ],
)
def test_transient_errors_are_retried_with_shrinking_timeouts(budget: float, kind: type[Exception]) -> None:
    error = kind("x")
    timeouts: list[float] = []

    def flaky(options: dict[str, Any]) -> str:
        timeouts.append(options["timeout"])
        if len(timeouts) < 3:
            raise error
        return "ok"

    assert call_within_budget(flaky, sleep=lambda seconds: time.sleep(0.01)) == "ok"
    assert len(timeouts) == 3
    assert timeouts == sorted(timeouts, reverse=True)


@pytest.mark.parametrize(
    "error",
    [
        exceptions.InvalidArgument("x"),  # type: ignore[no-untyped-call]
        exceptions.PermissionDenied("x"),  # type: ignore[no-untyped-call]
        ValueError("x"),
    ],
)
def test_other_errors_are_raised_at_once(budget: float, error: Exception) -> None:
    calls: list[int] = []

    def failing(options: dict[str, Any]) -> None:
        calls.append(1)
        raise error

    with pytest.raises(type(error)):
        call_within_budget(failing)
    assert calls == [1]


def test_retries_stop_when_the_budget_is_spent_and_the_last_error_is_raised(budget: float) -> None:
    started = time.monotonic()

    def always_unavailable(options: dict[str, Any]) -> None:
        time.sleep(min(0.05, options["timeout"]))
        raise exceptions.ServiceUnavailable("down")  # type: ignore[no-untyped-call]

    with pytest.raises(exceptions.ServiceUnavailable):
        call_within_budget(always_unavailable)
    assert time.monotonic() - started <= budget + 0.05


def test_a_spent_budget_raises_before_calling() -> None:
    token = start_deadline(0.001)
    time.sleep(0.005)
    try:
        with pytest.raises(DeadlineExceeded):
            call_within_budget(lambda options: pytest.fail("called"))
    finally:
        clear_deadline(token)
