"""A crash between commit and publish loses nothing: the sweeper publishes the stored event.

The sweeper scans the whole outbox of the (shared) emulator database, so other tests' records
may be found too; the assertions are about this test's record only.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt, run_unit_of_work
from pipeline_kit.outbox.outbox_record import OUTBOX_COLLECTION
from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_app_process import CounterAppProcess
from tests.e2e.kit.counter_pipeline import CounterPipeline
from tests.e2e.kit.polling import eventually

pytestmark = pytest.mark.e2e


def commit_without_relaying(pipeline: CounterPipeline, payload: Any) -> str:
    """Run a command's unit of work and stop right after the commit (the crash)."""
    emitter = EventEmitter(pipeline.registry, topic_for=lambda event_type: pipeline.names.source_topic)

    def work(attempt: UnitOfWorkAttempt) -> str:
        return emitter.emit(attempt, payload).event_id

    return run_unit_of_work(pipeline.firestore, work).value


def sweep(app: CounterAppProcess) -> dict[str, int]:
    response = requests.post(f"{app.url}/outbox_sweeper", params={"older_than_seconds": "0"}, timeout=30)
    assert response.status_code in (200, 503), response.text  # 503: some other test's record failed
    body: dict[str, int] = response.json()
    return body


def test_an_event_committed_but_never_published_is_swept_published_and_applied_once(
    pipeline: CounterPipeline, counter_app: CounterAppProcess
) -> None:
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    event_id = commit_without_relaying(pipeline, CounterIncremented(counter_id=counter_id, amount=4))
    record = pipeline.firestore.collection(OUTBOX_COLLECTION).document(event_id)
    assert record.get().to_dict()["sent"] is False
    assert pipeline.counter(counter_id) is None

    first = sweep(counter_app)
    assert first["published"] >= 1
    swept = record.get().to_dict()
    assert swept["sent"] is True
    sweep(counter_app)  # the record is sent by now: not published (nor marked) again
    assert record.get().to_dict()["sent_at"] == swept["sent_at"]
    pipeline.wait_for_counter(counter_id, 4)
    eventually(lambda: pipeline.processed_marker_exists(event_id), what="processed marker")

    # A crash after publishing but before marking sent: the sweeper publishes the event again.
    record.update({"sent": False})
    third = sweep(counter_app)
    assert third["published"] >= 1
    assert record.get().to_dict()["sent"] is True
    sentinel = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=10))
    pipeline.publish_envelope(sentinel, ordering_key=counter_id)  # ordered after the republished copy

    pipeline.wait_for_counter(counter_id, 14)
    assert pipeline.counter(counter_id) == 14
