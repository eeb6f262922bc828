"""Naming of the dead-letter subscriptions: ``<consumer>-dead-letter-sub`` (see infra/topology.tf)."""

from __future__ import annotations

SUFFIX = "-dead-letter-sub"


def is_dead_letter_subscription(name: str) -> bool:
    return name.rsplit("/", 1)[-1].endswith(SUFFIX)


def dead_letter_subscription_name(consumer_or_subscription: str) -> str:
    """Accepts a consumer (``users-on-trainings``), a subscription name or a full path; returns the name."""
    name = consumer_or_subscription.rsplit("/", 1)[-1]
    return name if name.endswith(SUFFIX) else f"{name}{SUFFIX}"


def consumer_of_dead_letter_subscription(subscription: str) -> str:
    name = subscription.rsplit("/", 1)[-1]
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
