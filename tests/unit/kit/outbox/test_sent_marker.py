"""The deferred sent marker: ids from concurrent requests coalesce into one batch commit, big
sets split at Firestore's 500 writes, failures are retried one by one and logged (never
raised), ``flush`` waits for everything deferred, and a forked child starts afresh."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS
from pipeline_kit.outbox import sent_marker as sent_marker_module
from pipeline_kit.outbox.mark_sent_commit import MARK_SENT_RPCS, SENT_RETENTION
from pipeline_kit.outbox.sent_marker import SentMarker, flush_sent_marks, reset_sent_marker, sent_marker
from tests.unit.kit.outbox.fake_outbox_client import FakeOutboxClient

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def fresh_singleton() -> Iterator[None]:
    reset_sent_marker()
    yield
    reset_sent_marker()


@pytest.fixture
def marker() -> Iterator[SentMarker]:
    created = SentMarker(linger_seconds=60.0, eager_at=10_000)  # only a flush commits
    yield created
    created.discard()


def _failure_lines(out: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("outcome") == "mark_sent_failed"]


def test_ids_from_concurrent_requests_are_marked_in_one_commit(marker: SentMarker) -> None:
    client = FakeOutboxClient()
    start = threading.Barrier(8)

    def request(n: int) -> None:
        start.wait()
        marker.defer(client, [f"e-{n}-a", f"e-{n}-b"])

    before, mark_sent_before = FIRESTORE_RPCS.snapshot(), MARK_SENT_RPCS.snapshot()
    threads = [threading.Thread(target=request, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert client.attempts == []  # nothing committed on the request threads
    assert marker.flush(timeout=5) is True
    assert len(client.commits) == 1
    assert sorted(client.commits[0]) == sorted(f"e-{n}-{x}" for n in range(8) for x in "ab")
    assert FIRESTORE_RPCS.snapshot().commits - before.commits == 1
    assert MARK_SENT_RPCS.snapshot().commits - mark_sent_before.commits == 1
    document = client.documents["e-3-b"]
    assert document["sent"] is True and document["expire_at"] - document["sent_at"] == SENT_RETENTION


def test_sent_at_is_when_the_ids_were_handed_over_not_when_the_mark_lands(marker: SentMarker) -> None:
    client = FakeOutboxClient()
    published_at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    marker.defer(client, ["e-1"], sent_at=published_at)
    before_defer = datetime.now(UTC)
    marker.defer(client, ["e-2"])
    time.sleep(0.05)
    flushed_at = datetime.now(UTC)
    assert marker.flush(timeout=5)
    assert client.documents["e-1"]["sent_at"] == published_at
    assert client.documents["e-1"]["expire_at"] == published_at + SENT_RETENTION
    assert before_defer <= client.documents["e-2"]["sent_at"] < flushed_at


def test_the_linger_commits_without_a_flush() -> None:
    client = FakeOutboxClient()
    lingering = SentMarker(linger_seconds=0.2, eager_at=10_000)
    try:
        lingering.defer(client, ["e-1"])
        lingering.defer(client, ["e-2"])
        assert client.committed.wait(5)
        assert client.commits == [["e-1", "e-2"]]
    finally:
        lingering.discard()


def test_enough_waiting_ids_commit_at_once() -> None:
    client = FakeOutboxClient()
    eager = SentMarker(linger_seconds=60.0, eager_at=100)
    try:
        eager.defer(client, [f"e-{n}" for n in range(99)])
        assert not client.committed.wait(0.2)
        eager.defer(client, ["e-99"])
        assert client.committed.wait(5)
        assert len(client.all_ids_committed()) == 100
    finally:
        eager.discard()


def test_more_than_500_ids_are_split_into_commits_of_500(marker: SentMarker) -> None:
    client = FakeOutboxClient()
    marker.defer(client, [f"e-{n}" for n in range(1201)])
    assert marker.flush(timeout=5)
    assert [len(ids) for ids in client.commits] == [500, 500, 201]
    assert client.all_ids_committed() == [f"e-{n}" for n in range(1201)]


def test_an_id_deferred_twice_is_written_once_per_batch(marker: SentMarker) -> None:
    client = FakeOutboxClient()
    marker.defer(client, ["e-1", "e-2"])
    marker.defer(client, ["e-1"])
    assert marker.flush(timeout=5)
    assert client.commits == [["e-1", "e-2"]]


def test_a_missing_record_fails_the_batch_then_the_others_are_marked_one_by_one(
    marker: SentMarker, capsys: pytest.CaptureFixture[str]
) -> None:
    client = FakeOutboxClient(missing={"e-2"})
    marker.defer(client, ["e-0", "e-1", "e-2", "e-3"])
    assert marker.flush(timeout=5) is True  # no exception: the failure is logged
    assert client.attempts == [["e-0", "e-1", "e-2", "e-3"], ["e-0"], ["e-1"], ["e-2"], ["e-3"]]
    assert sorted(client.documents) == ["e-0", "e-1", "e-3"]
    (failure,) = _failure_lines(capsys.readouterr().out)
    assert failure["severity"] == "WARNING"
    assert failure["logging.googleapis.com/labels"]["event_id"] == "e-2"
    assert failure["batch_error"] == "NotFound" and failure["retried"] is True
    assert "NotFound" in failure["message"]


def test_an_unavailable_backend_stops_the_retries_and_logs_every_id(
    marker: SentMarker, capsys: pytest.CaptureFixture[str]
) -> None:
    client = FakeOutboxClient(unavailable=True)
    marker.defer(client, ["e-0", "e-1", "e-2"])
    assert marker.flush(timeout=5) is True
    assert client.attempts == [["e-0", "e-1", "e-2"], ["e-0"]]  # one retry, then give up
    failures = _failure_lines(capsys.readouterr().out)
    assert [f["logging.googleapis.com/labels"]["event_id"] for f in failures] == ["e-0", "e-1", "e-2"]
    assert [f["retried"] for f in failures] == [True, False, False]
    assert client.documents == {}


def test_any_failing_commit_is_retried_alone_and_the_thread_carries_on(capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[list[str]] = []

    def broken(client: Any, event_ids: Any) -> None:
        calls.append(list(event_ids))
        if len(calls) == 1:
            raise TypeError("not a Firestore error")

    failing = SentMarker(linger_seconds=60.0, eager_at=10_000, commit=broken)
    try:
        failing.defer(object(), ["e-1", "e-2"])
        assert failing.flush(timeout=5)
        failing.defer(object(), ["e-3"])
        assert failing.flush(timeout=5)
    finally:
        failing.discard()
    assert calls == [["e-1", "e-2"], ["e-1"], ["e-2"], ["e-3"]]  # retried alone; TypeError is not NotFound
    assert len(_failure_lines(capsys.readouterr().out)) == 0


def test_defer_never_raises_into_the_request(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_threads(self: threading.Thread) -> None:
        raise RuntimeError("can't create new thread at interpreter shutdown")

    monkeypatch.setattr(threading.Thread, "start", no_threads)
    unstartable = SentMarker()
    unstartable.defer(FakeOutboxClient(), ["e-1"])
    (failure,) = _failure_lines(capsys.readouterr().out)
    assert "can't create new thread" in failure["message"] and failure["event_ids"] == ["e-1"]


def test_flush_waits_for_a_commit_in_flight_and_gives_up_at_its_timeout(marker: SentMarker) -> None:
    gate = threading.Event()
    client = FakeOutboxClient(gate=gate)
    marker.defer(client, ["e-1"])
    assert marker.flush(timeout=0.1) is False  # the commit is held at the gate
    gate.set()
    assert marker.flush(timeout=5) is True
    assert client.commits == [["e-1"]]


def test_flush_with_nothing_deferred_returns_at_once(marker: SentMarker) -> None:
    assert marker.flush(timeout=0) is True
    assert flush_sent_marks(timeout=0) is True  # no singleton yet


def test_the_singleton_flushes_and_resets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sent_marker_module, "LINGER_SECONDS", 60.0)
    client = FakeOutboxClient()
    first = sent_marker()
    assert sent_marker() is first
    first.defer(client, ["e-1"])
    assert flush_sent_marks(timeout=5) is True
    assert client.commits == [["e-1"]]
    first.defer(client, ["e-2"])
    reset_sent_marker()  # drops "e-2" unmarked
    assert sent_marker() is not first
    assert flush_sent_marks(timeout=1) is True
    assert client.commits == [["e-1"]]


def test_no_thread_runs_before_the_first_defer() -> None:
    sent_marker()
    assert not [thread for thread in threading.enumerate() if thread.name == "outbox-sent-marker"]


def test_a_forked_child_marks_its_own_ids_with_its_own_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sent_marker_module, "LINGER_SECONDS", 60.0)
    monkeypatch.setattr(sent_marker_module, "EAGER_AT", 10_000)
    singleton_client, plain_client = FakeOutboxClient(), FakeOutboxClient()
    plain = SentMarker(linger_seconds=60.0, eager_at=10_000)
    sent_marker().defer(singleton_client, ["parent-1"])  # threads running and ids waiting at the fork
    plain.defer(plain_client, ["parent-2"])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report through the pipe, never return into pytest
        status = 1
        try:
            os.close(read_end)
            sent_marker().defer(singleton_client, ["child-1"])
            plain.defer(plain_client, ["child-2"])
            flushed = [flush_sent_marks(timeout=5), plain.flush(timeout=5)]
            report = {"flushed": flushed, "singleton": singleton_client.commits, "plain": plain_client.commits}
            os.write(write_end, json.dumps(report).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        report = json.loads(pipe.read() or "{}")
    assert os.waitpid(pid, 0)[1] == 0
    assert report == {"flushed": [True, True], "singleton": [["child-1"]], "plain": [["child-2"]]}
    assert flush_sent_marks(timeout=5) and plain.flush(timeout=5)
    assert singleton_client.commits == [["parent-1"]] and plain_client.commits == [["parent-2"]]
    plain.discard()
