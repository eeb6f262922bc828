"""The topic a dead letter came from, so a redrive can republish it there.

In order: the ``source_topic`` attribute the kit attaches; else the consumer named by
``CloudPubSubDeadLetterSourceSubscription`` (Pub/Sub's own dead-lettering) looked up in the
topology; else the consumer the dead-letter subscription belongs to (``<consumer>-dead-letter-sub``).
"""

from __future__ import annotations

from collections.abc import Mapping

from ops.cli_support.operator_error import OperatorError
from ops.dlq.dead_letter_reason import PUBSUB_SOURCE_SUBSCRIPTION
from ops.dlq.dead_letter_subscription_names import consumer_of_dead_letter_subscription
from ops.local_stack.topology import Topology


def source_topic(attributes: Mapping[str, str], topology: Topology, dead_letter_subscription: str) -> str:
    """The short topic name. Raises OperatorError when nothing says where the message came from."""
    explicit = attributes.get("source_topic", "").strip()
    if explicit:
        return explicit.rsplit("/", 1)[-1]
    candidates = (
        attributes.get(PUBSUB_SOURCE_SUBSCRIPTION, "").rsplit("/", 1)[-1],
        consumer_of_dead_letter_subscription(dead_letter_subscription),
    )
    topics = {consumer.name: consumer.topic for consumer in topology.consumers}
    for consumer in candidates:
        if consumer in topics:
            return topics[consumer]
    raise OperatorError(
        f"cannot tell the source topic of a message in {dead_letter_subscription}: "
        "no source_topic attribute and no known consumer subscription"
    )
