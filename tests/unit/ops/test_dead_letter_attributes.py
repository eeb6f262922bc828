"""Reading a dead letter's reason and building the redriven copy's attributes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ops.cli_support.operator_error import OperatorError
from ops.dlq.dead_letter_reason import reason_of
from ops.dlq.dead_letter_subscription_names import (
    consumer_of_dead_letter_subscription,
    dead_letter_subscription_name,
    is_dead_letter_subscription,
)
from ops.dlq.redrive_attributes import redrive_attributes
from ops.dlq.source_topic import source_topic
from ops.local_stack.topology import load_topology
from pipeline_kit.deadletter.parking import REASON_KEYS, parking_attributes

pytestmark = pytest.mark.unit

ORIGINAL = {"event_type": "TrainingCanceled", "event_id": "e-1", "correlation_id": "c-1"}


def parked(original: dict[str, str] = ORIGINAL) -> dict[str, str]:
    return parking_attributes(
        original,
        error_class="UnknownEventVersion",
        error_message="version 9 of TrainingCanceled is unknown",
        consumer="users-on-trainings",
        delivery_attempt=3,
        source_subscription="projects/p/subscriptions/users-on-trainings",
        source_topic="trainings-events",
        original_message_id="m-1",
    )


def test_the_reason_the_kit_attached_is_read_back() -> None:
    reason = reason_of(parked())

    assert reason.parked_by_kit
    assert reason.summary() == "UnknownEventVersion: version 9 of TrainingCanceled is unknown"
    assert (reason.consumer, reason.delivery_attempts, reason.source_topic) == (
        "users-on-trainings",
        "3",
        "trainings-events",
    )


def test_pubsub_dead_lettering_is_explained_from_its_own_attributes() -> None:
    reason = reason_of(
        {
            **ORIGINAL,
            "CloudPubSubDeadLetterSourceSubscription": "projects/p/subscriptions/trainer-calendar",
            "CloudPubSubDeadLetterSourceDeliveryCount": "5",
        }
    )

    assert not reason.parked_by_kit
    assert reason.consumer == "trainer-calendar"
    assert "after 5 delivery attempts" in reason.summary()


FIRST = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
REDRIVE = {"redrive_target": "users-on-trainings", "first_published_at": "2026-11-20T09:30:00Z"}


def test_the_redriven_copy_keeps_the_original_attributes_counts_the_redrive_and_names_its_target() -> None:
    once = redrive_attributes(parked(), target="users-on-trainings", first_published=FIRST)
    twice = redrive_attributes(parked(once), target="users-on-trainings", first_published=FIRST)

    assert once == {**ORIGINAL, **REDRIVE, "redrive_count": "1"}
    assert twice == {**ORIGINAL, **REDRIVE, "redrive_count": "2"}
    assert not set(REASON_KEYS) & set(once)


def test_pubsub_dead_letter_attributes_are_dropped_too() -> None:
    copy = redrive_attributes(
        {**ORIGINAL, "CloudPubSubDeadLetterSourceDeliveryCount": "5", "redrive_count": "x"},
        target="users-on-trainings",
        first_published=FIRST,
    )

    assert copy == {**ORIGINAL, **REDRIVE, "redrive_count": "1"}


def test_a_redrive_of_a_copy_meant_for_another_consumer_is_retargeted() -> None:
    copy = redrive_attributes(
        {**ORIGINAL, "redrive_target": "trainer-on-trainings"}, target="users-on-trainings", first_published=FIRST
    )

    assert copy["redrive_target"] == "users-on-trainings"


def test_the_source_topic_comes_from_the_attribute_then_the_topology() -> None:
    topology = load_topology()

    assert source_topic(parked(), topology, "users-on-trainings-dead-letter-sub") == "trainings-events"
    assert (
        source_topic(
            {"CloudPubSubDeadLetterSourceSubscription": "projects/p/subscriptions/trainer-calendar"},
            topology,
            "anything",
        )
        == "trainer-events"
    )
    assert source_topic({}, topology, "trainings-on-users-dead-letter-sub") == "users-events"
    with pytest.raises(OperatorError, match="cannot tell the source topic"):
        source_topic({}, topology, "stranger-dead-letter-sub")


def test_dead_letter_subscription_names() -> None:
    assert dead_letter_subscription_name("users-on-trainings") == "users-on-trainings-dead-letter-sub"
    assert dead_letter_subscription_name("projects/p/subscriptions/x-dead-letter-sub") == "x-dead-letter-sub"
    assert consumer_of_dead_letter_subscription("x-dead-letter-sub") == "x"
    assert is_dead_letter_subscription("projects/p/subscriptions/x-dead-letter-sub")
    assert not is_dead_letter_subscription("projects/p/subscriptions/x")
