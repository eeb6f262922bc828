"""Grouping dead letters by cause: the same cause with other ids, numbers, quoted values, UUIDs or
timestamps is one group; another error class, message or event type is another."""

from __future__ import annotations

import pytest

from ops.dlq.cause_fingerprint import cause_of, message_template

pytestmark = pytest.mark.unit


def parked(error_class: str, error_message: str, event_type: str = "TrainingScheduleRequested") -> dict[str, str]:
    return {"event_type": event_type, "error_class": error_class, "error_message": error_message}


def test_the_template_replaces_what_varies_between_messages_of_one_cause() -> None:
    text = (
        "training 3f2a9c1b-1234-4abc-8def-0123456789ab of user 'bob' at 2025-01-01T10:00:00Z: "
        'has 3 credits, needs 4.5 (event-17, key "a b")'
    )
    assert message_template(text) == (
        "training <uuid> of user '<v>' at <ts>: has <n> credits, needs <n> (<id>, key \"<v>\")"
    )
    assert message_template("can't schedule it") == "can't schedule it"  # an apostrophe is not a quote


def test_the_same_cause_with_different_ids_is_one_group() -> None:
    first = cause_of(parked("PermanentError", "training event-1 can never be scheduled: 3 credits, user 'ann'"))
    second = cause_of(parked("PermanentError", "training event-982 can never be scheduled: 12 credits, user 'bo'"))
    assert first == second
    assert len(first.group_id) == 8
    assert int(first.group_id, 16) >= 0
    assert first.label == "PermanentError: training <id> can never be scheduled: <n> credits, user '<v>'"


def test_another_error_class_message_or_event_type_is_another_group() -> None:
    base = cause_of(parked("PermanentError", "training t-1 is full"))
    others = [
        cause_of(parked("InvalidEvent", "training t-1 is full")),
        cause_of(parked("PermanentError", "training t-1 is canceled")),
        cause_of(parked("PermanentError", "training t-1 is full", event_type="TrainingCanceled")),
    ]
    assert len({base.group_id, *(other.group_id for other in others)}) == 4


def test_the_group_id_is_stable_across_runs() -> None:
    # A fixed value: an id an operator copied from `dlq list` keeps meaning the same cause.
    assert (
        cause_of(parked("PermanentError", "training t-1 is full")).group_id
        == cause_of(parked("PermanentError", "training t-999 is full")).group_id
    )
    assert cause_of({"event_type": "X", "CloudPubSubDeadLetterSourceDeliveryCount": "5"}).group_id == "1114f9f5"


def test_a_message_pubsub_dead_lettered_groups_by_its_attempts_and_event_type() -> None:
    cause = cause_of({"event_type": "TrainingCanceled", "CloudPubSubDeadLetterSourceDeliveryCount": "5"})
    assert cause.parked_by == "pubsub"
    assert cause.label == "dead-lettered by Pub/Sub after 5 attempts"
    assert cause != cause_of(
        {"event_type": "TrainingScheduleRequested", "CloudPubSubDeadLetterSourceDeliveryCount": "5"}
    )
    assert cause_of({"event_type": "X"}).label == "dead-lettered by Pub/Sub after ? attempts"
