"""Turn application handlers into kit message handlers (the push consumer declarations use them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from pipeline_kit.routing.message_handler import HandlerContext, MessageHandler
from wild_workouts.adapters_common.system_clock import SystemClock
from wild_workouts.shared_kernel.event_stamp import EventStamp

UnitOfWorkFactory = Callable[[UnitOfWorkAttempt, EventEmitter], Any]
_CLOCK = SystemClock()


Prefetch = Callable[[Any, UnitOfWorkAttempt], list[Any]]


def app_handler(
    handle: Callable[[Any, Any, Any], None], uow_factory: UnitOfWorkFactory, prefetch: Prefetch | None = None
) -> MessageHandler:
    """``handle(event, uow, clock)`` of the application layer as a kit handler. ``prefetch`` names
    the documents the handler will read, so they come in one round trip with the marker."""

    def run(event: Any, context: HandlerContext) -> None:
        if prefetch is not None:
            context.attempt.prefetch(prefetch(event, context.attempt))
        handle(event, uow_factory(context.attempt, context.emitter), _CLOCK)

    return run


def projection_handler(
    project: Callable[[Any, Any], None], writer_factory: Callable[[UnitOfWorkAttempt], Any]
) -> MessageHandler:
    """``project(event, read_model)`` of the application layer as a kit handler (blind write)."""

    def run(event: Any, context: HandlerContext) -> None:
        project(event, writer_factory(context.attempt))

    return run


def stamped_projection_handler(
    project: Callable[[Any, EventStamp, Any], None], writer_factory: Callable[[UnitOfWorkAttempt], Any]
) -> MessageHandler:
    """``project(event, stamp, read_model)``: the projection also gets the event's ``EventStamp``
    (from the envelope), to ignore an event older than what the read model holds."""

    def run(event: Any, context: HandlerContext) -> None:
        stamp = EventStamp(context.envelope.occurred_at, context.envelope.event_id)
        project(event, stamp, writer_factory(context.attempt))

    return run
