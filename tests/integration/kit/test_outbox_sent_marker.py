"""Deferred mark-sent on the real Firestore emulator: commands running at the same time leave
their outbox records unsent until the marker's one batch commit marks all of them; a record
that no longer exists fails that batch, and the others are still marked one by one."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from pipeline_kit.http.command_execution import execute_command
from pipeline_kit.outbox import sent_marker as sent_marker_module
from pipeline_kit.outbox.mark_sent_commit import MARK_SENT_RPCS, SENT_RETENTION
from pipeline_kit.outbox.sent_marker import SentMarker, flush_sent_marks, reset_sent_marker
from tests.counter_envelopes import counter_envelope

pytestmark = pytest.mark.integration


@pytest.fixture
def client(emulators: RunningEmulators) -> Any:
    from google.cloud import firestore

    return firestore.Client(project="wild-workouts-test")


@pytest.fixture(autouse=True)
def lingering_marker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(sent_marker_module, "LINGER_SECONDS", 60.0)  # only the flush commits
    monkeypatch.setattr(sent_marker_module, "EAGER_AT", 10_000)
    sent_marker_module.configure(inline=False)  # OUTBOX_MARK_SENT unset: deferred when asked
    reset_sent_marker()
    yield
    reset_sent_marker()


def _envelope(event_id: str) -> EventEnvelope:
    return counter_envelope(event_id)


def _published(topic: str, data: bytes, attributes: Mapping[str, str], ordering_key: str) -> str:
    return "message-id"


def _outbox(client: Any, event_ids: list[str]) -> list[dict[str, Any]]:
    references = [client.collection("outbox").document(event_id) for event_id in event_ids]
    return [snapshot.to_dict() for snapshot in client.get_all(references)]


def test_concurrent_commands_are_marked_sent_by_one_commit_after_flush(client: Any, unique: str) -> None:
    event_ids = [f"marked-{unique}-{n}" for n in range(12)]
    start = threading.Barrier(len(event_ids))
    errors: list[BaseException] = []

    def command(event_id: str) -> None:
        def work(attempt: UnitOfWorkAttempt) -> None:
            attempt.set(client.collection("sent_marker_counters").document(event_id), {"n": 1})
            attempt.add_event(_envelope(event_id), "counters")

        start.wait()
        try:
            execute_command(work, client_factory=lambda: client, publish_fn=_published)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=command, args=(event_id,)) for event_id in event_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [record["sent"] for record in _outbox(client, event_ids)] == [False] * len(event_ids)

    before = MARK_SENT_RPCS.snapshot()
    assert flush_sent_marks(timeout=30) is True
    assert MARK_SENT_RPCS.snapshot().commits - before.commits == 1  # one commit for twelve messages
    records = _outbox(client, event_ids)
    assert [record["sent"] for record in records] == [True] * len(event_ids)
    assert all(record["expire_at"] - record["sent_at"] == SENT_RETENTION for record in records)


def test_a_deleted_record_fails_the_batch_and_the_others_are_marked_one_by_one(
    client: Any, unique: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event_ids = [f"retried-{unique}-{n}" for n in range(3)]
    for event_id in event_ids:
        client.collection("outbox").document(event_id).set({"event_id": event_id, "sent": False})
    gone = f"retried-{unique}-deleted"
    marker = SentMarker(linger_seconds=60.0, eager_at=10_000)
    before = MARK_SENT_RPCS.snapshot()
    try:
        marker.defer(client, [event_ids[0], gone, *event_ids[1:]])
        assert marker.flush(timeout=30) is True
    finally:
        marker.discard()
    assert MARK_SENT_RPCS.snapshot().commits - before.commits == 1 + 4  # the batch, then each alone
    assert [record["sent"] for record in _outbox(client, event_ids)] == [True] * 3
    assert not client.collection("outbox").document(gone).get().exists  # update never creates
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    failures = [line for line in lines if line.get("outcome") == "mark_sent_failed"]
    assert [f["logging.googleapis.com/labels"]["event_id"] for f in failures] == [gone]
    assert failures[0]["batch_error"] == "NotFound"
