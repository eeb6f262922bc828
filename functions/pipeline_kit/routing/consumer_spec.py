"""What a push consumer is: its name, its handlers and where its failures go."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline_kit.routing.message_handler import MessageHandler


@dataclass(frozen=True)
class ConsumerSpec:
    """One push subscription's consumer.

    ``handlers`` maps event type → handler; other types are acked and logged at debug.
    ``permanent_errors`` are exception types that mean "this message can never succeed"
    (parked); ``transient_errors`` are types to retry even where the kit's table
    (``routing/error_taxonomy``) says permanent (e.g. an application error that subclasses
    ``ValueError`` but may pass later). ``ack_deadline_seconds`` is the subscription's ack deadline: the deadline guard
    answers 503 before it, so Pub/Sub never redelivers a message that is still running.
    """

    name: str
    source_topic: str
    dead_letter_topic: str
    handlers: Mapping[str, MessageHandler]
    permanent_errors: tuple[type[BaseException], ...] = field(default=())
    transient_errors: tuple[type[BaseException], ...] = field(default=())
    ack_deadline_seconds: float = 60.0
    deadline_margin_seconds: float = 5.0

    @property
    def time_budget_seconds(self) -> float:
        return max(1.0, self.ack_deadline_seconds - self.deadline_margin_seconds)
