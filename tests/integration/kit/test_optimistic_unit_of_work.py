"""The optimistic unit of work on the real Firestore emulator: atomicity, markers, conflicts."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.firestore.optimistic_unit_of_work import (
    DuplicateEvent,
    ProcessedMarker,
    UnitOfWorkAttempt,
    run_unit_of_work,
)
from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS
from pipeline_kit.outbox.sent_marker import flush_sent_marks
from tests.counter_envelopes import counter_envelope

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def no_deferred_marks() -> None:
    """Earlier tests' deferred mark-sent commits land now, not inside the RPC counts below."""
    assert flush_sent_marks()


@pytest.fixture
def client(emulators: RunningEmulators) -> Any:
    from google.cloud import firestore

    return firestore.Client(project="wild-workouts-test")


def _envelope(event_id: str, aggregate_id: str) -> EventEnvelope:
    return counter_envelope(event_id, aggregate_id)


def test_state_outbox_and_marker_commit_together_in_two_round_trips(client: Any, unique: str) -> None:
    ref = client.collection("counters").document(unique)
    before = FIRESTORE_RPCS.snapshot()

    def work(attempt: UnitOfWorkAttempt) -> int:
        current = attempt.get(ref)
        value = int((current or {}).get("value", 0)) + 1
        attempt.set(ref, {"value": value})
        attempt.add_event(_envelope(f"e-{unique}", unique), "counters")
        return value

    result = run_unit_of_work(client, work, marker=ProcessedMarker("counter", f"m-{unique}"))
    after = FIRESTORE_RPCS.snapshot()
    assert result.value == 1
    assert (after.reads - before.reads, after.commits - before.commits) == (1, 1)
    assert ref.get().to_dict() == {"value": 1}
    outbox = client.collection("outbox").document(f"e-{unique}").get().to_dict()
    assert outbox["sent"] is False and outbox["topic"] == "counters"
    assert client.collection("processed_events").document(f"counter__m-{unique}").get().exists


def test_duplicate_event_is_not_applied_twice(client: Any, unique: str) -> None:
    ref = client.collection("counters").document(unique)

    def work(attempt: UnitOfWorkAttempt) -> None:
        current = attempt.get(ref)
        attempt.set(ref, {"value": (current or {}).get("value", 0) + 1})

    marker = ProcessedMarker("counter", unique)
    run_unit_of_work(client, work, marker=marker)
    with pytest.raises(DuplicateEvent):
        run_unit_of_work(client, work, marker=marker)
    assert ref.get().to_dict() == {"value": 1}


def test_blind_write_duplicate_is_caught_by_the_marker_precondition(client: Any, unique: str) -> None:
    ref = client.collection("views").document(unique)
    before = FIRESTORE_RPCS.snapshot()
    marker = ProcessedMarker("view", unique)
    run_unit_of_work(client, lambda attempt: attempt.set(ref, {"seen": True}), marker=marker)
    after = FIRESTORE_RPCS.snapshot()
    assert after.total - before.total == 1  # one commit, no read
    with pytest.raises(DuplicateEvent):
        run_unit_of_work(client, lambda attempt: attempt.set(ref, {"seen": False}), marker=marker)
    assert ref.get().to_dict() == {"seen": True}


def test_concurrent_increments_are_all_applied_once(client: Any, unique: str) -> None:
    ref = client.collection("counters").document(unique)
    errors: list[BaseException] = []

    def increment(n: int) -> None:
        def work(attempt: UnitOfWorkAttempt) -> None:
            current = attempt.get(ref)
            attempt.set(ref, {"value": (current or {}).get("value", 0) + 1})

        try:
            run_unit_of_work(client, work, marker=ProcessedMarker("counter", f"{unique}-{n}"), max_attempts=30)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=increment, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ref.get().to_dict() == {"value": 8}


def test_a_read_document_written_back_is_replaced_not_merged(client: Any, unique: str) -> None:
    ref = client.collection("replaced").document(unique)
    ref.set({"keep": 1, "drop": 2, "nested": {"x": 1, "y": 2}})

    def work(attempt: UnitOfWorkAttempt) -> None:
        current = attempt.get(ref) or {}
        attempt.set(ref, {"keep": int(current["keep"]) + 1, "nested": {"x": 5}})

    run_unit_of_work(client, work)
    assert ref.get().to_dict() == {"keep": 2, "nested": {"x": 5}}


def test_a_concurrent_change_between_read_and_commit_reruns_the_work(client: Any, unique: str) -> None:
    ref = client.collection("counters").document(unique)
    ref.set({"value": 1})
    runs: list[int] = []

    def work(attempt: UnitOfWorkAttempt) -> None:
        current = int((attempt.get(ref) or {})["value"])
        runs.append(current)
        if len(runs) == 1:
            ref.set({"value": 10})  # someone else writes after our read
        attempt.set(ref, {"value": current + 1})

    result = run_unit_of_work(client, work)
    assert runs == [1, 10] and result.attempts == 2
    assert ref.get().to_dict() == {"value": 11}
