"""The dead-letter subscriptions of a project and how many messages wait in each.

Pub/Sub has no "count" call: the backlog is counted by holding the messages and releasing
them at once (up to ``cap``; more shows as ``cap+``), which works the same on the emulator and
on Google Cloud; the held messages are also grouped by cause. On Google Cloud the Monitoring metric
``subscription/num_undelivered_messages`` is the authoritative figure (the infra alerts on it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ops.dlq.cause_groups import CauseGroup, cause_groups
from ops.dlq.dead_letter_pull import held_dead_letters
from ops.dlq.dead_letter_subscription_names import is_dead_letter_subscription
from ops.dlq.pubsub_clients import CALL_TIMEOUT_SECONDS


@dataclass(frozen=True)
class DeadLetterBacklog:
    subscription: str
    topic: str
    messages: int
    capped: bool
    oldest_age_seconds: float | None
    groups: list[CauseGroup] = field(default_factory=list)  # of the messages counted, biggest first


def dead_letter_backlogs(subscriber: Any, project: str, cap: int) -> list[DeadLetterBacklog]:
    subscriptions = subscriber.list_subscriptions(
        request={"project": f"projects/{project}"}, timeout=CALL_TIMEOUT_SECONDS
    )
    backlogs = []
    for subscription in sorted(subscriptions, key=lambda s: str(s.name)):
        if not is_dead_letter_subscription(str(subscription.name)):
            continue
        with held_dead_letters(subscriber, str(subscription.name), cap) as held:
            now = datetime.now(UTC)
            ages = [m.age_seconds(now) for m in held.messages]
            backlogs.append(
                DeadLetterBacklog(
                    subscription=str(subscription.name).rsplit("/", 1)[-1],
                    topic=str(subscription.topic).rsplit("/", 1)[-1],
                    messages=len(held.messages),
                    capped=len(held.messages) >= cap,
                    oldest_age_seconds=max(ages) if ages else None,
                    groups=cause_groups(held.messages, now),
                )
            )
    return backlogs
