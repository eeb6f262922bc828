"""``deadline_guard``: the rest of the chain runs within the consumer's time budget, cleared after."""

from __future__ import annotations

import pytest

from pipeline_kit.deadline.delivery_deadline import remaining_seconds
from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.middlewares.deadline_guard import deadline_guard
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import delivery, spec

pytestmark = pytest.mark.unit


def test_the_budget_is_the_ack_deadline_less_the_margin_and_is_cleared_after() -> None:
    target = delivery(consumer=spec(ack_deadline_seconds=30.0))  # margin 5 s: budget 25 s
    left: list[float | None] = []

    def following(_: Delivery) -> PushResult:
        left.append(remaining_seconds())
        return PushResult(Outcome.HANDLED)

    assert deadline_guard(target, following).outcome is Outcome.HANDLED
    (inside,) = left
    assert inside is not None and 20.0 < inside <= 25.0  # generous: a loaded machine
    assert remaining_seconds() is None


def test_the_budget_is_cleared_after_an_error_too() -> None:
    def failing(_: Delivery) -> PushResult:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        deadline_guard(delivery(), failing)
    assert remaining_seconds() is None
