"""Why a dead letter carries no delivery attempt count, said as it is for where it came from.

Pub/Sub puts ``deliveryAttempt`` in a push only when the subscription has a dead-letter policy;
the Pub/Sub emulator sends none, policy or not (two pushes of one message to a subscription with
``max_delivery_attempts`` 5, Cloud SDK 528: neither carried it); an Eventarc CloudEvent carries
none either. The kit records what the push carried (``delivery_attempt``), so an empty one is one
of these, and ``dlq show`` says which: on the emulator (``PUBSUB_EMULATOR_HOST``) the emulator,
else what the source subscription's dead-letter policy tells (read once per subscription).
"""

from __future__ import annotations

from typing import Any

from ops.dlq.dead_letter_reason import DeadLetterReason
from ops.dlq.pubsub_clients import CALL_TIMEOUT_SECONDS

NOT_REPORTED_BY_THE_EMULATOR = (
    "not reported by the Pub/Sub emulator (it sends no deliveryAttempt in pushes, even to a subscription"
    " with a dead-letter policy)"
)


class AttemptCountAbsence:
    """``why(reason)``: the sentence ``dlq show`` prints for a dead letter without an attempt count."""

    def __init__(self, subscriber: Any, project: str, *, on_emulator: bool) -> None:
        self._subscriber = subscriber
        self._project = project
        self._on_emulator = on_emulator
        self._said: dict[str, str] = {}

    def why(self, reason: DeadLetterReason) -> str:
        if self._on_emulator:
            return NOT_REPORTED_BY_THE_EMULATOR
        subscription = reason.source_subscription
        if not subscription:
            return "unknown: the dead letter names no source subscription (an Eventarc CloudEvent carries no count)"
        if subscription not in self._said:
            self._said[subscription] = self._from_policy(subscription)
        return self._said[subscription]

    def _from_policy(self, subscription: str) -> str:
        path = subscription if "/" in subscription else self._subscriber.subscription_path(self._project, subscription)
        name = path.rsplit("/", 1)[-1]
        from google.api_core.exceptions import GoogleAPICallError

        try:
            found = self._subscriber.get_subscription(request={"subscription": path}, timeout=CALL_TIMEOUT_SECONDS)
        except GoogleAPICallError as error:  # not found, permission denied…: said, not raised
            return (
                f"unknown: could not read {name}'s dead-letter policy ({type(error).__name__}); Pub/Sub counts"
                " attempts only on a subscription with one, and an Eventarc CloudEvent carries none"
            )
        if not found.dead_letter_policy.dead_letter_topic:
            return f"not counted: {name} has no dead-letter policy (Pub/Sub counts delivery attempts only then)"
        return (
            f"not reported: {name} has a dead-letter policy, but the delivery carried no attempt count"
            " (an Eventarc CloudEvent carries none)"
        )
