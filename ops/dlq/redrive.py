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
- at most ``rate`` messages a second (a token bucket); Ctrl-C (KeyboardInterrupt) stops it
  between two messages: a copy already accepted is acked first, every message not yet redriven
  stays (a copy whose publish was cut by Ctrl-C may be out without its dead letter acked: a later
  redrive sends a second copy, which the consumer's processed marker recognises);
- every matching message's source topic is resolved before anything is published, so a message
  nobody can place stops the redrive before it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ops.dlq.dead_letter_message import DeadLetterMessage
from ops.dlq.dead_letter_pull import HeldDeadLetters
from ops.dlq.dead_letter_subscription_names import consumer_of_dead_letter_subscription
from ops.dlq.message_filter import MessageFilter
from ops.dlq.redrive_attributes import redrive_attributes
from ops.dlq.redrive_refusal import first_published_at, refusal
from ops.dlq.source_topic import source_topic
from ops.dlq.token_bucket import TokenBucket
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


@dataclass
class RedriveOutcome:
    planned: int
    redriven: int = 0
    interrupted: bool = False
    failure: str = ""  # why it stopped early, when a publish or an ack failed

    @property
    def left(self) -> int:
        """Planned but not redriven: still in the dead-letter subscription."""
        return self.planned - self.redriven


def execute_redrive(
    held: HeldDeadLetters,
    plan: list[PlannedRedrive],
    publisher: Any,
    project: str,
    bucket: TokenBucket,
    on_done: Callable[[PlannedRedrive], None] = lambda _: None,
) -> RedriveOutcome:
    """Publish then ack each planned message, in order, at the bucket's rate (see the module doc)."""
    outcome = RedriveOutcome(planned=len(plan))
    for item in plan:
        published = acked = False
        try:
            bucket.take()
            held.renew_lease_if_due()
            failure = _publish(publisher, project, item)
            if failure:
                outcome.failure = f"publish to {item.topic} failed ({failure})"
                break
            published = True
            held.ack(item.message)
            acked = True
            outcome.redriven += 1
            on_done(item)
        except KeyboardInterrupt:
            outcome.interrupted = True
            if published and not acked:
                with suppress(Exception):  # the copy is out: ack so it is not redriven twice
                    held.ack(item.message)
                    outcome.redriven += 1
            break
        except Exception as error:
            if not published:
                raise
            outcome.failure = (
                f"the copy of {item.message.message_id} was published but its ack failed "
                f"({type(error).__name__}: {str(error)[:200]}): a later redrive sends it again"
            )
            break
    return outcome


def _publish(publisher: Any, project: str, item: PlannedRedrive) -> str:
    """Publish the copy and wait until Pub/Sub accepted it; returns "" or what went wrong."""
    path = f"projects/{project}/topics/{item.topic}"
    try:
        future = publisher.publish(path, item.message.data, ordering_key=item.message.ordering_key, **item.attributes)
        future.result(timeout=PUBLISH_TIMEOUT_SECONDS)
    except Exception as error:
        if item.message.ordering_key:
            publisher.resume_publish(path, item.message.ordering_key)
        return f"{type(error).__name__}: {str(error)[:200]}"
    return ""
