"""The base of every module's Firestore unit of work: the kit's attempt plus ``publish``."""

from __future__ import annotations

from typing import Any

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt


class KitUnitOfWork:
    """Repositories read and write through ``attempt``; ``publish`` adds to its outbox."""

    def __init__(self, attempt: UnitOfWorkAttempt, emitter: EventEmitter) -> None:
        self.attempt = attempt
        self._emitter = emitter

    def publish(self, event: Any) -> None:
        self._emitter.emit(self.attempt, event)

    def collection(self, name: str) -> Any:
        return self.attempt.client.collection(name)
