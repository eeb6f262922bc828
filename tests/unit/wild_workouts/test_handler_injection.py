"""Injection by signature: a handler gets what it names, and a name no provider serves is
refused when the consumer is built, not at its first message."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.routing.message_handler import HandlerContext
from wild_workouts import bootstrap
from wild_workouts.adapters_common.handler_injection import (
    STAMP,
    SYSTEM_CLOCK,
    handler_parameters,
    injector,
    on_attempt,
)
from wild_workouts.shared_kernel.event_stamp import EventStamp

pytestmark = pytest.mark.unit

OCCURRED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _context(attempt: object = "attempt") -> HandlerContext:
    envelope = EventEnvelope(
        event_id="e-1",
        type="SomethingHappened",
        version=1,
        occurred_at=OCCURRED,
        correlation_id="c-1",
        causation_id="c-1",
        aggregate_id="a-1",
        payload={},
        traceparent="00-" + "1" * 32 + "-" + "2" * 16 + "-01",
    )
    return HandlerContext(attempt=attempt, envelope=envelope, emitter=None)  # type: ignore[arg-type]


def test_a_handler_gets_only_the_values_it_names() -> None:
    calls: list[tuple[Any, ...]] = []
    made: list[str] = []

    def provider(name: str) -> Any:
        def provide(event: Any, context: HandlerContext) -> str:
            made.append(name)
            return f"{name} for {event}"

        return provide

    def handle(event: str, uow: str) -> None:
        calls.append((event, uow))

    on = injector(uow=provider("uow"), clock=provider("clock"))
    on(handle)("e", _context())
    assert calls == [("e", "uow for e")]
    assert made == ["uow"]  # the clock is not even built


def test_values_are_passed_by_name_whatever_the_order() -> None:
    seen: dict[str, Any] = {}

    def handle(event: str, clock: str, uow: str) -> None:
        seen.update(event=event, clock=clock, uow=uow)

    injector(uow=lambda e, c: "U", clock=lambda e, c: "C")(handle)("E", _context())
    assert seen == {"event": "E", "clock": "C", "uow": "U"}


def test_a_name_without_a_provider_is_refused_at_build() -> None:
    def handle(event: str, uow: str, calendar: str) -> None:
        raise AssertionError("never called")

    with pytest.raises(TypeError, match="handle takes calendar, which no provider serves"):
        injector(uow=lambda e, c: "U")(handle)


def test_parameters_that_cannot_be_passed_by_name_are_refused() -> None:
    def variadic(event: str, *rest: Any) -> None: ...

    def positional(event: str, uow: str, /) -> None: ...

    for handle in (variadic, positional):
        with pytest.raises(TypeError, match="cannot be passed by name"):
            handler_parameters(handle)
    assert handler_parameters(lambda event, uow, clock: None) == ("uow", "clock")


def test_standard_providers() -> None:
    context = _context(attempt="the attempt")
    assert STAMP("event", context) == EventStamp(OCCURRED, "e-1")
    now = SYSTEM_CLOCK("event", context).now()  # type: ignore[attr-defined]
    assert now.tzinfo is UTC
    assert on_attempt(lambda attempt: ("writer on", attempt))("event", context) == ("writer on", "the attempt")


@pytest.mark.parametrize("consumer", bootstrap.CONSUMERS, ids=lambda c: c.name)
def test_every_declared_handler_is_served(consumer: Any) -> None:
    """Each declaration's injector serves every parameter of every handler it wires."""
    handlers = consumer.handlers()
    assert handlers
    assert all(callable(handler) for handler in handlers.values())
