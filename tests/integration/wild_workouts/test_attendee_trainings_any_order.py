"""The attendee trainings view on the real Firestore emulator, through the real consumer: every
pair of a training's events in both orders and with duplicates ends in the view the events give
in the order they happened. An event before its creating event answers 503 (transient) and is
redelivered after, as Pub/Sub would."""

from __future__ import annotations

import base64
import dataclasses
import itertools
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.auth.push_authenticator import DisabledPushAuthenticator
from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_consumer import PushConsumer
from pipeline_kit.routing.push_request import PushRequest
from wild_workouts.bootstrap import CONSUMERS_BY_NAME, consumer_spec, event_emitter, event_registry
from wild_workouts.contracts import trainings_events as tr
from wild_workouts.trainings.adapters.firestore_attendee_trainings_read_model import FirestoreAttendeeTrainingsReader
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView, ViewStamps

pytestmark = pytest.mark.integration

H1 = datetime(2091, 3, 1, 13, tzinfo=UTC)
H2, H3, H4 = H1 + timedelta(days=1), H1 + timedelta(days=2), H1 + timedelta(days=3)
START = datetime(2030, 1, 1, tzinfo=UTC)


def _history(training_id: str) -> list[EventEnvelope]:
    """Requested, scheduled, a proposal, a failed move, a move, a cancel: each a millisecond apart."""
    events = [
        tr.TrainingScheduleRequested(training_id, H1, "alice", "Alice", "legs"),
        tr.TrainingScheduled(training_id, H1, "alice"),
        tr.TrainingRescheduleProposed(training_id, H2, "trainer"),
        tr.TrainingRescheduleFailed(training_id, H3, "hour taken", "hour_not_available"),
        tr.TrainingRescheduled(training_id, H1, H4),
        tr.TrainingCanceled(training_id, H4, "alice", 1, "attendee"),
    ]
    return [
        dataclasses.replace(event_emitter().envelope(event), occurred_at=START + timedelta(milliseconds=n))
        for n, event in enumerate(events)
    ]


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
def deliver(client: Any) -> Callable[[list[EventEnvelope]], None]:
    consumer = PushConsumer(
        consumer_spec(CONSUMERS_BY_NAME["attendee-trainings"]),
        event_registry(),
        event_emitter(),
        DisabledPushAuthenticator(),
        client_factory=lambda: client,
        publish_fn=lambda topic, data, attributes, key: "published",
    )

    def push_all(envelopes: list[EventEnvelope]) -> None:
        pending = list(envelopes)
        while pending:
            retry = []
            for envelope in pending:
                result = consumer.handle(PushRequest.with_body({"content-type": "application/json"}, _body(envelope)))
                if result.status == 503:  # the view is not there yet: Pub/Sub redelivers later
                    assert "not projected yet" in (result.detail or ""), result.detail
                    retry.append(envelope)
                else:
                    assert result.outcome in (Outcome.HANDLED, Outcome.DUPLICATE), result.detail
            assert len(retry) < len(pending)
            pending = retry

    return push_all


def _comparable(found: TrainingView | None) -> TrainingView:
    assert found is not None
    return dataclasses.replace(found, training_id="-", stamps=ViewStamps())  # ids differ per training


def test_every_pair_in_both_orders_with_duplicates_converges(
    client: Any, deliver: Callable[[list[EventEnvelope]], None]
) -> None:
    reader = FirestoreAttendeeTrainingsReader(client)
    for first, second in itertools.combinations(range(6), 2):
        in_order = f"t-{uuid.uuid4().hex[:10]}"
        history = _history(in_order)
        deliver([history[0], history[first], history[second]])
        expected = _comparable(reader.get(in_order))
        for order in ((second, first), (first, second)):
            training_id = f"t-{uuid.uuid4().hex[:10]}"
            history = _history(training_id)
            pair = [history[index] for index in order]
            deliver([*pair, *pair, history[0]])  # redelivered, the creating event last
            assert _comparable(reader.get(training_id)) == expected, (first, second, order)


def test_stamps_are_stored_exactly(client: Any, deliver: Callable[[list[EventEnvelope]], None]) -> None:
    training_id = f"t-{uuid.uuid4().hex[:10]}"
    history = _history(training_id)
    deliver([history[0], history[2]])
    found = FirestoreAttendeeTrainingsReader(client).get(training_id)
    assert found is not None
    assert found.stamps.proposal is not None
    assert (found.stamps.proposal.occurred_at, found.stamps.proposal.event_id) == (
        history[2].occurred_at,
        history[2].event_id,
    )
    deliver([history[2]])  # a duplicate: acked, nothing changes
    assert FirestoreAttendeeTrainingsReader(client).get(training_id) == found
    older = dataclasses.replace(history[2], event_id=str(uuid.uuid4()), occurred_at=START - timedelta(seconds=1))
    deliver([dataclasses.replace(older, payload={**older.payload, "new_hour": "2091-03-09T13:00:00Z"})])
    assert FirestoreAttendeeTrainingsReader(client).get(training_id) == found  # an older proposal is ignored
