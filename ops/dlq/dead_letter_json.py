"""The ``--json`` documents of ``dlq list`` and ``dlq show``, for scripts. A stable shape: keys
are only ever added; a removal or a change of meaning bumps ``schema``.

``dlq list --json``::

    {"schema": "ops.dlq.list/1", "project": str,
     "subscriptions": [{"subscription": str, "consumer": str, "topic": str,
                        "messages": int, "capped": bool, "oldest_age_seconds": float | null,
                        "groups": [GROUP, ...]}]}   # biggest first, all of them

    GROUP = {"group": str, "messages": int, "oldest_age_seconds": float, "event_type": str,
             "parked_by": "kit" | "pubsub", "error_class": str, "template": str, "cause": str}

``dlq show --json``::

    {"schema": "ops.dlq.show/1", "subscription": str, "waiting": int, "waiting_capped": bool,
     "shown": int,
     "messages": [{"message_id": str, "group": str, "event_type": str, "cause": str,
                   "error_class": str, "error_message": str, "consumer": str,
                   "delivery_attempts": int | null, "source_topic": str,
                   "dead_lettered_at": str (ISO 8601), "age_seconds": float,
                   "redrive": {"refused": str | null, "possible_until": str | null},
                   "ordering_key": str, "attributes": {str: str},
                   "data": str | null (UTF-8 text, null when not text), "data_base64": str}]}
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from ops.dlq.cause_fingerprint import cause_of
from ops.dlq.cause_groups import CauseGroup
from ops.dlq.dead_letter_backlog import DeadLetterBacklog
from ops.dlq.dead_letter_message import DeadLetterMessage
from ops.dlq.dead_letter_reason import reason_of
from ops.dlq.dead_letter_subscription_names import consumer_of_dead_letter_subscription
from ops.dlq.redrive_refusal import iso, redrivable_until, refusal

LIST_SCHEMA = "ops.dlq.list/1"
SHOW_SCHEMA = "ops.dlq.show/1"


def list_document(project: str, backlogs: list[DeadLetterBacklog]) -> dict[str, Any]:
    return {
        "schema": LIST_SCHEMA,
        "project": project,
        "subscriptions": [
            {
                "subscription": backlog.subscription,
                "consumer": consumer_of_dead_letter_subscription(backlog.subscription),
                "topic": backlog.topic,
                "messages": backlog.messages,
                "capped": backlog.capped,
                "oldest_age_seconds": backlog.oldest_age_seconds,
                "groups": [_group(group) for group in backlog.groups],
            }
            for backlog in backlogs
        ],
    }


def show_document(
    subscription: str, waiting: int, waiting_capped: bool, shown: list[DeadLetterMessage], now: datetime
) -> dict[str, Any]:
    return {
        "schema": SHOW_SCHEMA,
        "subscription": subscription,
        "waiting": waiting,
        "waiting_capped": waiting_capped,
        "shown": len(shown),
        "messages": [_message(message, now) for message in shown],
    }


def _group(group: CauseGroup) -> dict[str, Any]:
    cause = group.cause
    return {
        "group": cause.group_id,
        "messages": group.messages,
        "oldest_age_seconds": group.oldest_age_seconds,
        "event_type": cause.event_type,
        "parked_by": cause.parked_by,
        "error_class": cause.error_class,
        "template": cause.template,
        "cause": cause.label,
    }


def _message(message: DeadLetterMessage, now: datetime) -> dict[str, Any]:
    reason = reason_of(message.attributes)
    refused = refusal(message, now)
    try:
        text: str | None = message.data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    return {
        "message_id": message.message_id,
        "group": cause_of(message.attributes).group_id,
        "event_type": message.event_type,
        "cause": reason.summary(),
        "error_class": reason.error_class,
        "error_message": reason.error_message,
        "consumer": reason.consumer,
        "delivery_attempts": reason.delivery_attempts_known,
        "source_topic": reason.source_topic,
        "dead_lettered_at": iso(message.dead_lettered_at),
        "age_seconds": message.age_seconds(now),
        "redrive": {
            "refused": refused,
            "possible_until": None if refused else iso(redrivable_until(message)),
        },
        "ordering_key": message.ordering_key,
        "attributes": dict(sorted(message.attributes.items())),
        "data": text,
        "data_base64": base64.b64encode(message.data).decode("ascii"),
    }
