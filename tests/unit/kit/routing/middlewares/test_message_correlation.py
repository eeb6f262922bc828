"""``message_correlation``: the delivery's one context, entered once — from the envelope when it
was decoded, from the attributes otherwise — and left afterwards."""

from __future__ import annotations

from contextvars import Token

import pytest

from pipeline_kit.observability.trace_context import MessageContext, current_context, enter_context
from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.middlewares import message_correlation as module
from pipeline_kit.routing.middlewares.message_correlation import message_correlation
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import CONSUMER, TRACE_ID, delivery, envelope

pytestmark = pytest.mark.unit


def _inside(target: Delivery, monkeypatch: pytest.MonkeyPatch) -> tuple[MessageContext, int]:
    entered: list[MessageContext] = []

    def counting_enter(context: MessageContext) -> Token[MessageContext | None]:
        entered.append(context)
        return enter_context(context)

    monkeypatch.setattr(module, "enter_context", counting_enter)
    seen: list[MessageContext | None] = []

    def following(_: Delivery) -> PushResult:
        seen.append(current_context())
        return PushResult(Outcome.HANDLED)

    message_correlation(target, following)
    (context,) = seen
    assert context is not None
    return context, len(entered)


def test_the_envelope_gives_the_context_when_attributes_were_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    context, entered = _inside(delivery(envelope().to_json_bytes(), {}), monkeypatch)

    assert entered == 1
    assert (context.correlation_id, context.causation_id, context.trace.trace_id) == ("c-1", "e-1", TRACE_ID)
    labels = dict(context.labels)
    assert (labels["event_id"], labels["event_type"], labels["consumer"], labels["message_id"]) == (
        "e-1",
        "OrderPlaced",
        CONSUMER,
        "m-1",
    )


def test_without_an_envelope_the_attributes_give_the_context(monkeypatch: pytest.MonkeyPatch) -> None:
    attributes = {"event_id": "e-9", "correlation_id": "c-9", "event_type": "OrderPlaced",
                  "traceparent": f"00-{'a' * 32}-{'b' * 16}-01"}  # fmt: skip
    context, entered = _inside(delivery(b"not json", attributes), monkeypatch)

    assert entered == 1
    assert (context.correlation_id, context.causation_id, context.trace.trace_id) == ("c-9", "e-9", "a" * 32)


def test_with_nothing_to_go_on_the_message_id_and_a_new_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    context, _ = _inside(delivery(b"not json", {}), monkeypatch)

    assert (context.correlation_id, context.causation_id) == ("m-1", "m-1")
    assert len(context.trace.trace_id) == 32


def test_the_context_is_left_afterwards_even_on_an_error() -> None:
    def failing(_: Delivery) -> PushResult:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        message_correlation(delivery(), failing)
    assert current_context() is None
