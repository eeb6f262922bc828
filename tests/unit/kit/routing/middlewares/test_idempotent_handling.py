"""``idempotent_handling`` with a fake ``run`` (no Firestore): the handler gets the attempt, the
envelope and the emitter; a commit is ``handled`` with its attempts counted; a processed marker
already there is ``duplicate`` without running the handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import DuplicateEvent, ProcessedMarker, UnitOfWorkResult
from pipeline_kit.routing.message_handler import HandlerContext
from pipeline_kit.routing.middlewares.idempotent_handling import idempotent_handling
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import CONSUMER, OrderPlaced, delivery, registry, spec

pytestmark = pytest.mark.unit


class NoUnsentRecords:
    """A client whose outbox holds nothing unsent (the duplicate path queries it)."""

    def collection(self, name: str) -> Any:
        return self

    def where(self, **_: Any) -> Any:
        return self

    def stream(self, **_: Any) -> list[Any]:
        return []


class FakeRun:
    """Stands for ``run_unit_of_work``: runs ``work`` on ``attempt`` and reports ``attempts``,
    or raises ``DuplicateEvent`` for a marker already stored."""

    def __init__(self, attempts: int = 1, stored: set[str] | None = None) -> None:
        self.attempts, self.stored = attempts, stored or set()
        self.markers: list[ProcessedMarker] = []
        self.attempt = object()

    def __call__(self, client: Any, work: Callable[[Any], None], *, marker: ProcessedMarker) -> UnitOfWorkResult[None]:
        self.markers.append(marker)
        if marker.document_id in self.stored:
            raise DuplicateEvent(marker.document_id)
        work(self.attempt)
        return UnitOfWorkResult(None, events=[], attempts=self.attempts)


def _handling(run: FakeRun, seen: list[tuple[Any, HandlerContext]]) -> Callable[..., PushResult]:
    def handler(event: Any, context: HandlerContext) -> None:
        seen.append((event, context))

    emitter = EventEmitter(registry(), topic_for=lambda _: "orders-events")
    step = idempotent_handling(NoUnsentRecords, emitter, run=run)
    return lambda: step(delivery(consumer=spec(handler), event=OrderPlaced("o-1")))


def test_a_commit_is_handled_with_its_attempts_and_the_handler_gets_its_context() -> None:
    run, seen = FakeRun(attempts=3), list[tuple[Any, HandlerContext]]()

    result = _handling(run, seen)()

    assert result == PushResult(Outcome.HANDLED, attempts=3)
    ((event, context),) = seen
    assert event == OrderPlaced("o-1")
    assert context.attempt is run.attempt and context.envelope.event_id == "e-1"
    (marker,) = run.markers
    assert (marker.document_id, marker.correlation_id, marker.event_type) == (f"{CONSUMER}__e-1", "c-1", "OrderPlaced")


def test_a_marker_already_stored_is_a_duplicate_and_the_handler_does_not_run() -> None:
    run, seen = FakeRun(stored={f"{CONSUMER}__e-1"}), list[tuple[Any, HandlerContext]]()

    assert _handling(run, seen)() == PushResult(Outcome.DUPLICATE)
    assert seen == []
