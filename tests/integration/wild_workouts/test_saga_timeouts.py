"""Saga timeouts on the real emulators: the overdue query finds exactly the pending trainings past
their deadline (a range on one field, no composite index), the pending list shows what each one
waits for, and the trigger rejects the overdue ones as ``timed_out``, publishes TrainingRejected to
Pub/Sub, logs one ``saga_timed_out`` line each, and does nothing the second time.

Each test uses its own project on the emulators (their data is per project), so trainings other
tests leave pending are not touched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from ops.local_stack.stack import forget_kit_clients
from pipeline_kit.firestore.optimistic_unit_of_work import run_unit_of_work
from pipeline_kit.outbox.sent_marker import flush_sent_marks
from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.trainings.adapters.firestore_pending_sagas import FirestorePendingSagas
from wild_workouts.trainings.adapters.firestore_training_repository import FirestoreTrainingRepository
from wild_workouts.trainings.domain.saga_deadline import BALANCE_DEBIT, HOUR_RESERVATION
from wild_workouts.trainings.domain.training import Training

pytestmark = pytest.mark.integration

TOPIC = "trainings-events"


@pytest.fixture
def project(emulators: RunningEmulators, unique: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    name = f"sagas-{unique}"
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", name)
    from wild_workouts import bootstrap

    bootstrap.reset()  # the kit's backends configured for this project, whatever ran before
    forget_kit_clients()
    yield name
    flush_sent_marks()  # the outbox records of this project are marked sent before its client goes
    forget_kit_clients()


def _client(project: str) -> Any:
    from google.cloud import firestore

    return firestore.Client(project=project)


def _store(client: Any, *trainings: Training) -> None:
    def work(attempt: Any) -> None:
        repository = FirestoreTrainingRepository(attempt)
        for training in trainings:
            repository.save(training)

    run_unit_of_work(client, work)


def _requested(training_id: str, requested_ago: timedelta, timeout: timedelta = timedelta(minutes=5)) -> Training:
    now = datetime.now(UTC)
    hour = (now + timedelta(days=2)).replace(hour=13, minute=0, second=0, microsecond=0)
    training, _ = Training.request(training_id, f"user-{training_id}", "U", hour, "", now - requested_ago, timeout)
    return training


def _world(client: Any) -> dict[str, Training]:
    overdue = _requested("overdue", timedelta(minutes=6))
    overdue.record_hour_reserved(overdue.hour)
    not_due = _requested("not-due", timedelta(minutes=1))
    settled = _requested("settled", timedelta(minutes=30))
    settled.record_balance_debit_rejected("no balance", RejectionCode.INSUFFICIENT_BALANCE)
    legacy = replace(_requested("legacy", timedelta(days=1)), requested_at=None, deadline_at=None)
    trainings = {t.training_id: t for t in (overdue, not_due, settled, legacy)}
    _store(client, *trainings.values())
    from google.cloud import firestore

    deleted = firestore.DELETE_FIELD  # a document written before deadlines existed has neither field
    client.collection("trainings").document("legacy").update({"requested_at": deleted, "deadline_at": deleted})
    return trainings


def test_the_overdue_query_finds_only_pending_trainings_past_their_deadline(project: str) -> None:
    client = _client(project)
    _world(client)
    sagas = FirestorePendingSagas(client)
    assert sagas.overdue_ids(datetime.now(UTC), 50) == ["overdue"]
    assert sagas.overdue_ids(datetime.now(UTC) + timedelta(minutes=10), 50) == ["overdue", "not-due"]
    assert sagas.overdue_ids(datetime.now(UTC) + timedelta(minutes=10), 1) == ["overdue"]
    listed = {saga.training_id: saga for saga in sagas.pending(50)}
    assert set(listed) == {"overdue", "not-due", "legacy"}
    assert listed["overdue"].missing == (BALANCE_DEBIT,)
    assert listed["not-due"].missing == (HOUR_RESERVATION, BALANCE_DEBIT)
    assert listed["overdue"].is_overdue(datetime.now(UTC)) and not listed["not-due"].is_overdue(datetime.now(UTC))
    assert (listed["legacy"].requested_at, listed["legacy"].deadline_at) == (None, None)
    assert [saga.training_id for saga in sagas.pending(50)] == ["legacy", "overdue", "not-due"]  # oldest first


def _subscription(project: str, name: str) -> tuple[Any, str]:
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    publisher = pubsub_v1.PublisherClient()
    subscriber = pubsub_v1.SubscriberClient()
    topic = publisher.topic_path(project, TOPIC)
    publisher.create_topic(name=topic)
    subscription = subscriber.subscription_path(project, name)
    subscriber.create_subscription(name=subscription, topic=topic)
    return subscriber, subscription


def _pulled(subscriber: Any, subscription: str) -> list[dict[str, Any]]:
    response = subscriber.pull(subscription=subscription, max_messages=10, timeout=10)
    return [json.loads(m.message.data) for m in response.received_messages]


def test_the_trigger_times_out_the_overdue_saga_once_and_publishes_the_rejection(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from wild_workouts.bootstrap import event_emitter
    from wild_workouts.trainings.entrypoints.saga_timeouts_trigger import SAGA_TIMED_OUT_OUTCOME, run_saga_timeouts

    client = _client(project)
    before = _world(client)
    subscriber, subscription = _subscription(project, "tap")

    sweep = run_saga_timeouts(limit=50, emitter=event_emitter())
    assert (sweep.found, [t.training_id for t in sweep.timed_out], sweep.failures) == (1, ["overdue"], ())
    stored = client.collection("trainings").document("overdue").get().to_dict()
    assert stored["status"] == "rejected" and stored["rejection_code"] == RejectionCode.TIMED_OUT.value
    assert stored["deadline_at"] is None and stored["requested_at"] is not None
    assert "balance debit was not confirmed" in stored["rejection_reason"]
    for untouched in ("not-due", "settled", "legacy"):
        doc = client.collection("trainings").document(untouched).get().to_dict()
        assert doc["status"] == before[untouched].status.value, untouched
    published = _pulled(subscriber, subscription)
    assert [(m["type"], m["aggregate_id"], m["payload"]["reason_code"]) for m in published] == [
        ("TrainingRejected", "overdue", "timed_out")
    ]
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    timeouts = [line for line in lines if line.get("outcome") == SAGA_TIMED_OUT_OUTCOME]
    assert [(line["training_id"], line["missing"], line["severity"]) for line in timeouts] == [
        ("overdue", BALANCE_DEBIT, "WARNING")
    ]

    again = run_saga_timeouts(limit=50, emitter=event_emitter())
    assert (again.found, again.timed_out) == (0, ())
    assert _pulled(subscriber, subscription) == []


def test_the_endpoint_answers_with_the_counts_and_refuses_other_methods(
    project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flask import Flask, request

    from wild_workouts.bootstrap import event_emitter, push_authenticator
    from wild_workouts.trainings.entrypoints.saga_timeouts_trigger import handle_saga_timeouts_request

    client = _client(project)
    _store(client, _requested("overdue", timedelta(minutes=6)))
    _subscription(project, "tap")
    monkeypatch.setenv("PUSH_AUTH_DISABLED", "true")
    push_authenticator.cache_clear()
    app = Flask(__name__)
    try:
        with app.test_request_context("/saga_timeouts", method="GET"):
            assert handle_saga_timeouts_request(request, push_authenticator, event_emitter)[1] == 405
        with app.test_request_context("/saga_timeouts?limit=x", method="POST"):
            assert handle_saga_timeouts_request(request, push_authenticator, event_emitter)[1] == 400
        with app.test_request_context("/saga_timeouts", method="POST"):
            body, status = handle_saga_timeouts_request(request, push_authenticator, event_emitter)
            assert (status, body.get_json()) == (200, {"found": 1, "timed_out": 1, "failed": 0})
    finally:
        push_authenticator.cache_clear()


def test_the_deadline_round_trips_and_is_cleared_when_the_training_settles(project: str) -> None:
    from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt

    client = _client(project)
    pending = _requested("round-trip", timedelta(seconds=1))
    _store(client, pending)
    read = FirestoreTrainingRepository(UnitOfWorkAttempt(client, None, check_marker=False)).get("round-trip")
    assert read == pending and read.deadline_at is not None
    read.record_hour_reserved(read.hour)
    read.record_balance_debited()
    _store(client, read)
    stored = client.collection("trainings").document("round-trip").get().to_dict()
    assert (stored["status"], stored["deadline_at"]) == ("scheduled", None)
    assert stored["requested_at"] is not None
