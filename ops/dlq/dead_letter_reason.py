"""Why a message is in a dead-letter topic, read from its attributes.

Two ways in: the kit parks a message it can never handle and attaches ``error_class``,
``error_message``, ``consumer``, ``delivery_attempt``, ``source_topic``… (see
``pipeline_kit.deadletter.parking``); Pub/Sub itself dead-letters a message after the
subscription's max delivery attempts and adds ``CloudPubSubDeadLetterSource*`` attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

PUBSUB_ATTRIBUTE_PREFIX = "CloudPubSubDeadLetterSource"
PUBSUB_SOURCE_SUBSCRIPTION = "CloudPubSubDeadLetterSourceSubscription"
PUBSUB_DELIVERY_COUNT = "CloudPubSubDeadLetterSourceDeliveryCount"


@dataclass(frozen=True)
class DeadLetterReason:
    error_class: str
    error_message: str
    consumer: str
    delivery_attempts: str
    source_topic: str
    source_subscription: str
    parked_at: str
    delivery_attempts_source: str = ""

    @property
    def delivery_attempts_known(self) -> int | None:
        try:
            return int(self.delivery_attempts)
        except ValueError:
            return None

    def delivery_attempts_text(self, unknown_because: str | None = None) -> str:
        """The attempt count and who counted it, else ``unknown_because`` (``AttemptCountAbsence``
        says it for the message's subscription), else every reason there can be."""
        if self.delivery_attempts_known is None:
            return unknown_because or (
                "unknown (no delivery_attempt nor CloudPubSubDeadLetterSourceDeliveryCount: Pub/Sub counts "
                "attempts only on a subscription with a dead-letter policy; the emulator and Eventarc send none)"
            )
        source = self.delivery_attempts_source
        return f"{self.delivery_attempts_known} ({source})"

    @property
    def parked_by_kit(self) -> bool:
        return bool(self.error_class)

    def summary(self) -> str:
        if self.parked_by_kit:
            return f"{self.error_class}: {self.error_message}"
        attempts = self.delivery_attempts or "the maximum number of"
        return f"dead-lettered by Pub/Sub after {attempts} delivery attempts (the consumer kept failing or timing out)"


def reason_of(attributes: Mapping[str, str]) -> DeadLetterReason:
    source_subscription = attributes.get("source_subscription") or attributes.get(PUBSUB_SOURCE_SUBSCRIPTION, "")
    consumer = attributes.get("consumer") or _last_segment(source_subscription)
    kit_attempts = attributes.get("delivery_attempt", "").strip()
    pubsub_attempts = attributes.get(PUBSUB_DELIVERY_COUNT, "").strip()
    return DeadLetterReason(
        error_class=attributes.get("error_class", ""),
        error_message=attributes.get("error_message", ""),
        consumer=consumer,
        delivery_attempts=kit_attempts or pubsub_attempts,
        source_topic=attributes.get("source_topic", ""),
        source_subscription=source_subscription,
        parked_at=attributes.get("parked_at", ""),
        delivery_attempts_source=(
            "delivery_attempt the kit recorded" if kit_attempts else PUBSUB_DELIVERY_COUNT if pubsub_attempts else ""
        ),
    )


def _last_segment(path: str) -> str:
    return path.rsplit("/", 1)[-1]
