"""Redrive dead letters: republish each to the topic it came from, then ack it.

Contract:
- the copy keeps the original data, ordering key and attributes, minus the dead-letter reason,
  plus ``redrive_count`` (see ``redrive_attributes``);
- a dead letter is acked only after Pub/Sub accepted its copy; on the first failed publish the
  redrive stops, and that message and every later one stay in the dead-letter subscription;
- every matching message's source topic is resolved before anything is published, so a message
  nobody can place stops the redrive before it starts;
- the copy reaches every subscription of the topic: the consumers deduplicate by ``event_id``, so
  those that had applied the event (and the one that now succeeds, if redriven twice) ack it as a
  duplicate with no effect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ops.cli_support.operator_error import OperatorError
from ops.dlq.dead_letter_message import DeadLetterMessage
from ops.dlq.dead_letter_pull import HeldDeadLetters
from ops.dlq.message_filter import MessageFilter
from ops.dlq.redrive_attributes import redrive_attributes
from ops.dlq.source_topic import source_topic
from ops.local_stack.topology import Topology

PUBLISH_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class PlannedRedrive:
    message: DeadLetterMessage
    topic: str
    attributes: dict[str, str]


def plan_redrive(held: HeldDeadLetters, topology: Topology, selection: MessageFilter) -> list[PlannedRedrive]:
    now = datetime.now(UTC)
    subscription = held.subscription_path.rsplit("/", 1)[-1]
    return [
        PlannedRedrive(
            message=message,
            topic=source_topic(message.attributes, topology, subscription),
            attributes=redrive_attributes(message.attributes),
        )
        for message in held.messages
        if selection.matches(message, now)
    ]


def execute_redrive(
    held: HeldDeadLetters,
    plan: list[PlannedRedrive],
    publisher: Any,
    project: str,
    on_done: Callable[[PlannedRedrive], None] = lambda _: None,
) -> int:
    """Publish then ack each planned message, in order. Returns how many were redriven."""
    redriven = 0
    for item in plan:
        path = f"projects/{project}/topics/{item.topic}"
        try:
            future = publisher.publish(
                path, item.message.data, ordering_key=item.message.ordering_key, **item.attributes
            )
            future.result(timeout=PUBLISH_TIMEOUT_SECONDS)
        except Exception as error:
            if item.message.ordering_key:
                publisher.resume_publish(path, item.message.ordering_key)
            raise OperatorError(
                f"redrive stopped after {redriven} message(s): publish to {item.topic} failed "
                f"({type(error).__name__}: {str(error)[:200]}); the rest stay in the dead-letter subscription"
            ) from None
        held.ack(item.message)
        redriven += 1
        on_done(item)
    return redriven
