"""``message_tracing``: the rest of the chain runs in a child span of the delivery's trace."""

from __future__ import annotations

import pytest

from pipeline_kit.observability.trace_context import MessageContext, current_context, enter_context, exit_context
from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.middlewares.message_correlation import message_context
from pipeline_kit.routing.middlewares.message_tracing import message_tracing
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import TRACE_ID, delivery

pytestmark = pytest.mark.unit


def test_the_rest_runs_in_a_child_span_and_its_result_comes_back() -> None:
    target = delivery()
    outer = message_context(target)
    seen: list[MessageContext | None] = []

    def following(_: Delivery) -> PushResult:
        seen.append(current_context())
        return PushResult(Outcome.HANDLED, attempts=1)

    token = enter_context(outer)
    try:
        result = message_tracing(target, following)
        after = current_context()
    finally:
        exit_context(token)

    assert result == PushResult(Outcome.HANDLED, attempts=1)
    (inner,) = seen
    assert inner is not None
    assert inner.trace.trace_id == TRACE_ID and inner.trace.span_id != outer.trace.span_id
    assert after == outer
