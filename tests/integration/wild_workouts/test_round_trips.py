"""Firestore round trips per event, counted in the adapters, on the real emulator:
a read-modify-write saga consumer reads once and commits once (plus one mark-sent commit for the
events it raised); a read-model consumer commits once and reads nothing."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.auth import DisabledPushAuthenticator
from pipeline_kit.firestore.rpc_counter import FIRESTORE_RPCS, RpcCounts
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_consumer import PushConsumer
from wild_workouts.bootstrap import event_emitter, event_registry
from wild_workouts.consumers import consumer_spec
from wild_workouts.contracts.trainer_events import HourMadeAvailable
from wild_workouts.contracts.trainings_events import TrainingScheduleRequested

pytestmark = pytest.mark.integration


def _consumer(name: str, client: Any) -> PushConsumer:
    return PushConsumer(
        consumer_spec(name),
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
    before = FIRESTORE_RPCS.snapshot()
    result = consumer.handle({"content-type": "application/json"}, body)
    assert result.outcome is Outcome.HANDLED, result.detail
    # one batched read (account + ledger + processed marker), one commit, one mark-sent commit
    assert _delta(before) == (1, 2, 0)
    assert client.collection("users_accounts").document(user).get().to_dict()["balance"] == 0


def test_read_model_consumer_is_one_blind_commit(client: Any) -> None:
    consumer = _consumer("trainer-calendar", client)
    hour = (datetime.now(UTC) + timedelta(days=400)).replace(hour=14, minute=0, second=0, microsecond=0)
    body = _push_body(HourMadeAvailable(hour))
    before = FIRESTORE_RPCS.snapshot()
    assert consumer.handle({"content-type": "application/json"}, body).outcome is Outcome.HANDLED
    assert _delta(before) == (0, 1, 0)
