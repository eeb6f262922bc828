"""The base of every module's Firestore unit of work: the kit's attempt plus ``publish``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from pipeline_kit import EventEmitter, UnitOfWorkAttempt

if TYPE_CHECKING:
    from pipeline_kit import HandlerContext


class FirestoreUnitOfWork:
    """Repositories read and write through ``attempt``; ``publish`` adds to its outbox."""

    def __init__(self, attempt: UnitOfWorkAttempt, emitter: EventEmitter) -> None:
        self.attempt = attempt
        self._emitter = emitter

    @classmethod
    def prefetched_for(cls, event: Any, context: HandlerContext) -> Self:
        """The unit of work of a push delivery (a handler provider): built on the delivery's
        attempt, with ``prefetch_for(event)`` already read."""
        unit_of_work = cls(context.attempt, context.emitter)
        unit_of_work.prefetch_for(event)
        return unit_of_work

    def prefetch_for(self, event: Any) -> None:
        """Read now, in one round trip with the processed marker, every document that handling
        ``event`` will read and that the event alone names; the repositories' later ``get`` of
        them are free. The base reads nothing ahead (each ``get`` is then a round trip)."""

    def publish(self, event: Any) -> None:
        self._emitter.emit(self.attempt, event)
