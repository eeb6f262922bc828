"""The calendar read model on the real Firestore emulator, through the real consumer: every pair
of an hour's events in both orders and with duplicates ends in the state of the newer change,
and each first delivery stays one read-free commit."""

from __future__ import annotations

import base64
import itertools
import json
import random
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.auth.push_authenticator import DisabledPushAuthenticator
from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_consumer import PushConsumer
from pipeline_kit.routing.push_request import PushRequest
from wild_workouts.bootstrap import CONSUMERS_BY_NAME, consumer_spec, event_emitter, event_registry
from wild_workouts.contracts.trainer_events import (
    HourMadeAvailable,
    HourMadeUnavailable,
    HourReleased,
    HourReserved,
)
from wild_workouts.trainer.adapters.firestore_calendar_read_model import FirestoreCalendarReader
from wild_workouts.trainer.app.calendar_read_model import AVAILABILITY_RANK
from wild_workouts.trainer.domain.availability import Availability

pytestmark = pytest.mark.integration

HourChange = HourMadeAvailable | HourMadeUnavailable | HourReserved | HourReleased

REPORTS: dict[type[Any], Availability] = {
    HourMadeAvailable: Availability.AVAILABLE,
    HourMadeUnavailable: Availability.NOT_AVAILABLE,
    HourReserved: Availability.TRAINING_SCHEDULED,
    HourReleased: Availability.AVAILABLE,
}


def _history(hour: datetime) -> list[HourChange]:
    """One hour's life as the trainer publishes it (0 = a repeated answer, no change)."""
    return [
        HourMadeAvailable(hour, 1),
        HourReserved(hour, "t1", 2),
        HourReserved(hour, "t1", 0),
        HourReleased(hour, "t1", 3),
        HourMadeUnavailable(hour, 4),
    ]


def _newest(events: list[HourChange]) -> Availability:
    return REPORTS[type(max(events, key=lambda event: (event.hour_version, AVAILABILITY_RANK[REPORTS[type(event)]])))]


def _body(envelope: EventEnvelope) -> bytes:
    message = {
        "data": base64.b64encode(envelope.to_json_bytes()).decode(),
        "attributes": envelope.attributes(),
        "messageId": str(uuid.uuid4()),
    }
    return json.dumps({"message": message, "subscription": "projects/p/subscriptions/s"}).encode()


@pytest.fixture
def client(emulators: RunningEmulators) -> Any:
    from google.cloud import firestore

    return firestore.Client(project="wild-workouts-test")


@pytest.fixture
def deliver(client: Any) -> Iterator[Callable[[EventEnvelope], Outcome]]:
    consumer = PushConsumer(
        consumer_spec(CONSUMERS_BY_NAME["trainer-calendar"]),
        event_registry(),
        event_emitter(),
        DisabledPushAuthenticator(),
        client_factory=lambda: client,
        publish_fn=lambda topic, data, attributes, key: "published",
    )

    def push(envelope: EventEnvelope) -> Outcome:
        result = consumer.handle(PushRequest.with_body({"content-type": "application/json"}, _body(envelope)))
        assert result.status == 204, result.detail
        return result.outcome

    yield push


def _fresh_hours(count: int) -> Iterator[datetime]:
    start = datetime(2090, 1, 1, tzinfo=UTC) + timedelta(hours=random.randrange(500_000))
    return (start + timedelta(hours=number) for number in range(count))


def test_every_pair_in_both_orders_with_duplicates_converges(
    client: Any, deliver: Callable[[EventEnvelope], Outcome]
) -> None:
    pairs = list(itertools.combinations(range(5), 2))
    hours = _fresh_hours(2 * len(pairs))
    expected: dict[datetime, Availability] = {}
    for first, second in pairs:
        for order in ((first, second), (second, first)):
            hour = next(hours)
            history = _history(hour)
            envelopes = [event_emitter().envelope(history[index]) for index in order]
            outcomes = [deliver(envelope) for envelope in [*envelopes, *envelopes]]  # then redelivered
            assert outcomes == [Outcome.HANDLED] * 2 + [Outcome.DUPLICATE] * 2
            expected[hour] = _newest([history[first], history[second]])
    start = min(expected)
    found = FirestoreCalendarReader(client).availability_between(start, max(expected) + timedelta(hours=1))
    assert found == expected


def test_a_late_older_event_leaves_the_newer_state_in_one_read_free_commit(
    client: Any, deliver: Callable[[EventEnvelope], Outcome]
) -> None:
    hour = next(_fresh_hours(1))
    reserved, opened = (
        event_emitter().envelope(HourReserved(hour, "t1", 2)),
        event_emitter().envelope(HourMadeAvailable(hour, 1)),
    )
    before = FIRESTORE_RPCS.snapshot()
    assert deliver(reserved) is Outcome.HANDLED
    assert deliver(opened) is Outcome.HANDLED  # older: acked, and changes nothing
    after = FIRESTORE_RPCS.snapshot()
    assert (after.reads - before.reads, after.commits - before.commits, after.queries - before.queries) == (0, 2, 0)
    found = FirestoreCalendarReader(client).availability_between(hour, hour + timedelta(hours=1))
    assert found == {hour: Availability.TRAINING_SCHEDULED}
    document = client.collection("trainer_calendar").document(reserved.aggregate_id).get().to_dict()
    assert document["state"] == 22  # version 2, training scheduled


def test_a_document_written_before_versions_is_read_and_then_superseded(client: Any, deliver: Any) -> None:
    hour = next(_fresh_hours(1))
    ref = client.collection("trainer_calendar").document(hour.strftime("%Y-%m-%dT%H:%M:%SZ"))
    ref.set({"hour": hour, "availability": "available", "updated_at": datetime.now(UTC)})
    reader = FirestoreCalendarReader(client)
    assert reader.availability_between(hour, hour + timedelta(hours=1)) == {hour: Availability.AVAILABLE}
    deliver(event_emitter().envelope(HourReserved(hour, "t1", 1)))
    assert reader.availability_between(hour, hour + timedelta(hours=1)) == {hour: Availability.TRAINING_SCHEDULED}
