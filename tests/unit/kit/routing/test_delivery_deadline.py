"""The cooperative deadline: calls get the remaining time, nothing starts once it is spent."""

from __future__ import annotations

import time
from typing import Any

import pytest

from pipeline_kit.deadline.delivery_deadline import (
    DeadlineExceeded,
    clear_deadline,
    remaining_seconds,
    start_deadline,
    timeout_within_deadline,
)
from pipeline_kit.errors.handler_errors import TransientError
from pipeline_kit.firestore.optimistic_unit_of_work import run_unit_of_work

pytestmark = pytest.mark.unit


def test_no_deadline_outside_a_delivery() -> None:
    assert remaining_seconds() is None
    assert timeout_within_deadline(7.0) == 7.0


def test_timeouts_shrink_to_the_remaining_budget() -> None:
    token = start_deadline(2.0)
    try:
        timeout = timeout_within_deadline(10.0)
        assert timeout is not None and 1.5 < timeout <= 2.0
        assert timeout_within_deadline(0.5) == 0.5
    finally:
        clear_deadline(token)
    assert remaining_seconds() is None


def test_a_spent_budget_is_a_transient_error() -> None:
    token = start_deadline(0.001)
    time.sleep(0.005)
    try:
        with pytest.raises(DeadlineExceeded) as raised:
            timeout_within_deadline(10.0)
        assert isinstance(raised.value, TransientError)
    finally:
        clear_deadline(token)


def test_no_unit_of_work_attempt_starts_after_the_deadline() -> None:
    calls: list[str] = []

    def work(attempt: Any) -> None:
        calls.append("ran")

    token = start_deadline(0.001)
    time.sleep(0.005)
    try:
        with pytest.raises(DeadlineExceeded):
            run_unit_of_work(object(), work)
    finally:
        clear_deadline(token)
    assert calls == []
