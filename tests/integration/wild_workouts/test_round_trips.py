"""Firestore round trips per event, counted in the adapters, on the real emulator:
a read-modify-write saga consumer reads once and commits once (plus the deferred mark-sent commit
for the events it raised, made by the sent marker: one here, as the event is alone; concurrent
events share it); a read-model consumer commits once and reads nothing."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.auth.push_authenticator import DisabledPushAuthenticator
from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS, RpcCounts
from pipeline_kit.outbox import sent_marker as sent_marker_module
from pipeline_kit.outbox.mark_sent_commit import MARK_SENT_RPCS
from pipeline_kit.outbox.sent_marker import flush_sent_marks, reset_sent_marker
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_consumer import PushConsumer
from pipeline_kit.routing.push_request import PushRequest
from wild_workouts.bootstrap import CONSUMERS_BY_NAME, consumer_spec, event_emitter, event_registry
from wild_workouts.contracts.trainer_events import HourMadeAvailable, HourReserved
from wild_workouts.contracts.trainings_events import TrainingRescheduleRequested, TrainingScheduleRequested
from wild_workouts.shared_kernel.utc_hour import hour_id

pytestmark = pytest.mark.integration


def _consumer(name: str, client: Any) -> PushConsumer:
    return PushConsumer(
        consumer_spec(CONSUMERS_BY_NAME[name]),
        event_registry(),
        event_emitter(),
        DisabledPushAuthenticator(),
        client_factory=lambda: client,
        publish_fn=lambda topic, data, attributes, key: "published",
    )


def _push_body(payload: Any) -> bytes:
    envelope = event_emitter().envelope(payload)
    message = {
        "data": base64.b64encode(envelope.to_json_bytes()).decode(),
        "attributes": envelope.attributes(),
        "messageId": str(uuid.uuid4()),
    }
    return json.dumps({"message": message, "subscription": "projects/p/subscriptions/s"}).encode()


def _delta(before: RpcCounts) -> tuple[int, int, int]:
    after = FIRESTORE_RPCS.snapshot()
    return after.reads - before.reads, after.commits - before.commits, after.queries - before.queries


@pytest.fixture(autouse=True)
def lingering_marker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fresh sent marker that commits only when flushed (earlier marks are flushed first)."""
    flush_sent_marks()
    monkeypatch.setattr(sent_marker_module, "LINGER_SECONDS", 60.0)
    sent_marker_module.configure(inline=False)  # OUTBOX_MARK_SENT unset: deferred when asked
    reset_sent_marker()
    yield
    flush_sent_marks()
    reset_sent_marker()


@pytest.fixture
def client(emulators: RunningEmulators) -> Any:
    from google.cloud import firestore

    return firestore.Client(project="wild-workouts-test")


def test_read_modify_write_consumer_reads_once_and_commits_once(client: Any) -> None:
    user = f"u-{uuid.uuid4().hex[:8]}"
    client.collection("users_accounts").document(user).set({"user_id": user, "balance": 1})
    consumer = _consumer("users-on-trainings", client)
    hour = (datetime.now(UTC) + timedelta(days=3)).replace(hour=13, minute=0, second=0, microsecond=0)
    body = _push_body(TrainingScheduleRequested(f"t-{uuid.uuid4().hex[:8]}", hour, user, "U", ""))
    before, mark_sent_before = FIRESTORE_RPCS.snapshot(), MARK_SENT_RPCS.snapshot()
    result = consumer.handle(PushRequest.with_body({"content-type": "application/json"}, body))
    assert result.outcome is Outcome.HANDLED, result.detail
    assert _delta(before) == (1, 1, 0)  # one batched read (account + ledger + processed marker), one commit;
    # the raised event is published, its mark-sent commit is deferred (nothing waits for it)
    assert flush_sent_marks()
    assert _delta(before) == (1, 2, 0)  # + the deferred mark-sent commit of the raised event
    assert MARK_SENT_RPCS.snapshot().commits - mark_sent_before.commits == 1
    assert client.collection("users_accounts").document(user).get().to_dict()["balance"] == 0


def test_the_trainer_saga_reads_the_reservations_and_every_named_hour_at_once(client: Any) -> None:
    """The unit of work prefetches what the event names (the training's reservations, each hour):
    a reschedule reserving its new hour still reads once."""
    start = (datetime.now(UTC) + timedelta(days=500)).replace(minute=0, second=0, microsecond=0)
    old_hour, new_hour = start.replace(hour=13), start.replace(hour=15)
    for hour in (old_hour, new_hour):
        document = {"time": hour, "availability": "available", "training_id": None, "version": 1}
        client.collection("trainer_hours").document(hour_id(hour)).set(document)
    consumer = _consumer("trainer-on-trainings", client)
    training_id = f"t-{uuid.uuid4().hex[:8]}"
    for event in (
        TrainingScheduleRequested(training_id, old_hour, "alice", "Alice", ""),
        TrainingRescheduleRequested(training_id, old_hour, new_hour, 1, "trainer"),
    ):
        before = FIRESTORE_RPCS.snapshot()
        result = consumer.handle(PushRequest.with_body({"content-type": "application/json"}, _push_body(event)))
        assert result.outcome is Outcome.HANDLED, result.detail
        assert _delta(before) == (1, 1, 0), type(event).__name__  # one batched read, one commit
    assert client.collection("trainer_hours").document(hour_id(new_hour)).get().to_dict()["training_id"] == training_id


def test_a_saga_answer_reads_its_training_once(client: Any) -> None:
    consumer = _consumer("trainings-on-trainer", client)
    hour = (datetime.now(UTC) + timedelta(days=3)).replace(hour=13, minute=0, second=0, microsecond=0)
    before = FIRESTORE_RPCS.snapshot()
    body = _push_body(HourReserved(hour, f"t-unknown-{uuid.uuid4().hex[:8]}", 2))
    assert consumer.handle(PushRequest.with_body({"content-type": "application/json"}, body)).outcome is Outcome.HANDLED
    assert _delta(before) == (1, 1, 0)  # the training (absent: ignored) with the marker, then the marker's commit


def test_read_model_consumer_is_one_blind_commit(client: Any) -> None:
    consumer = _consumer("trainer-calendar", client)
    hour = (datetime.now(UTC) + timedelta(days=400)).replace(hour=14, minute=0, second=0, microsecond=0)
    body = _push_body(HourMadeAvailable(hour, 1))
    before = FIRESTORE_RPCS.snapshot()
    assert consumer.handle(PushRequest.with_body({"content-type": "application/json"}, body)).outcome is Outcome.HANDLED
    assert flush_sent_marks()
    assert _delta(before) == (0, 1, 0)
