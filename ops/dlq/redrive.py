"""Redrive dead letters: republish each to the topic it came from, for the consumer that failed
it only, then ack it.

Contract:
- the copy keeps the original data, ordering key and attributes, minus the dead-letter reason,
  plus ``redrive_count``, ``redrive_target`` and ``first_published_at`` (see ``redrive_attributes``);
- only the target consumer acts on the copy: the other subscriptions of the topic drop it by
  their filter (production) or ack it as ignored (every consumer, and the emulator's only
  guard), so a consumer that applied the event long ago never sees it again;
- refused, and left in the dead-letter subscription: a copy that was cut when it was parked, and
  an event older than the redrive horizon (``redrive_refusal``: the target's processed marker may
  be gone, so a redrive could apply it twice);
- a dead letter is acked only after Pub/Sub accepted its copy; on the first failed publish the
  redrive stops, and that message and every later one stay in the dead-letter subscription;
- every matching message's source topic is resolved before anything is published, so a message
  nobody can place stops the redrive before it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ops.cli_support.operator_error import OperatorError
from ops.dlq.dead_letter_message import DeadLetterMessage
from ops.dlq.dead_letter_pull import HeldDeadLetters
from ops.dlq.dead_letter_subscription_names import consumer_of_dead_letter_subscription
from ops.dlq.message_filter import MessageFilter
from ops.dlq.redrive_attributes import redrive_attributes
from ops.dlq.redrive_refusal import first_published_at, refusal
from ops.dlq.source_topic import source_topic
from ops.local_stack.topology import Topology

PUBLISH_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class PlannedRedrive:
    message: DeadLetterMessage
    topic: str
    attributes: dict[str, str]


@dataclass(frozen=True)
class RefusedRedrive:
    message: DeadLetterMessage
    reason: str


@dataclass(frozen=True)
class RedrivePlan:
    target: str
    redrives: list[PlannedRedrive] = field(default_factory=list)
    refused: list[RefusedRedrive] = field(default_factory=list)


def plan_redrive(held: HeldDeadLetters, topology: Topology, selection: MessageFilter) -> RedrivePlan:
    now = datetime.now(UTC)
    subscription = held.subscription_path.rsplit("/", 1)[-1]
    plan = RedrivePlan(target=consumer_of_dead_letter_subscription(subscription))
    for message in held.messages:
        if not selection.matches(message, now):
            continue
        reason = refusal(message, now)
        if reason is not None:
            plan.refused.append(RefusedRedrive(message, reason))
            continue
        attributes = redrive_attributes(
            message.attributes, target=plan.target, first_published=first_published_at(message)
        )
        topic = source_topic(message.attributes, topology, subscription)
        plan.redrives.append(PlannedRedrive(message, topic, attributes))
    return plan


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
