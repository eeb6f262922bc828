"""A consumer's CloudEvent target (``trainer_calendar_event``, what ``gcloud functions deploy
--trigger-topic`` runs behind Eventarc) served by functions-framework's production server on the
real emulators: Eventarc-shaped ``messagePublished`` events in binary and structured content mode
are applied once (200: ack), a poisoned one is answered non-2xx while its parked copy cannot be
stored (Pub/Sub would redeliver it) and 200 once it is, with the copy on the dead-letter topic."""

from __future__ import annotations

import os
import socket
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from ops.local_stack.emulators import RunningEmulators, wait_until
from ops.local_stack.free_port import free_port
from ops.local_stack.local_paths import new_log_dir
from ops.local_stack.managed_process import ManagedProcess
from pipeline_kit.events.event_envelope import EventEnvelope
from tests.e2e.kit.push_bodies import PushRequest, cloud_event_binary, cloud_event_structured
from wild_workouts.bootstrap import event_emitter
from wild_workouts.contracts.trainer_events import HourMadeAvailable
from wild_workouts.trainer.adapters.firestore_calendar_read_model import FirestoreCalendarReader
from wild_workouts.trainer.domain.availability import Availability

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parents[3]
SUBSCRIPTION = "projects/wild-workouts-test/subscriptions/eventarc-europe-west1-trainer-calendar-000-sub-000"


@dataclass(frozen=True)
class EventFunction:
    url: str
    dead_letter_topic: str


@pytest.fixture
def event_function(emulators: RunningEmulators) -> Iterator[EventFunction]:
    """``trainer_calendar_event`` on a free port, parking into a dead-letter topic of its own
    (not created yet: the test creates it)."""
    port = free_port()
    dead_letter_topic = f"trainer-calendar-dead-letter-{uuid.uuid4().hex[:8]}"
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "functions"), "PYTHONUNBUFFERED": "1"}
    environment.pop("K_SERVICE", None)
    environment.pop("PUSH_AUTH_DISABLED", None)  # the CloudEvent path never checks a token
    environment.update(
        {
            "TRACE_EXPORTER": "none",
            "DEAD_LETTER_TOPIC_TRAINER_CALENDAR": dead_letter_topic,
            "ACK_DEADLINE_SECONDS": "10",  # the deadline guard's budget: a failing park gives up after 5 s
        }
    )
    command = [sys.executable, "-m", "pipeline_kit.http.serve", "--source", str(REPO_ROOT / "functions" / "main.py")]
    command += ["--target", "trainer_calendar_event", "--host", "127.0.0.1", "--port", str(port)]
    log_dir = new_log_dir("eventarc-e2e")
    process = ManagedProcess("trainer-calendar-event", command, log_dir / "server.log", env=environment).start()
    try:
        wait_until(lambda: _accepts_connections(port), process, time.monotonic() + 30)
        yield EventFunction(f"http://127.0.0.1:{port}/", dead_letter_topic)
    finally:
        process.stop()


def _accepts_connections(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _hour() -> datetime:
    return datetime(2091, 1, 1, tzinfo=UTC) + timedelta(hours=uuid.uuid4().int % 500_000)


def _eventarc(form: Any, envelope: EventEnvelope) -> PushRequest:
    request: PushRequest = form(envelope.to_json_bytes(), envelope.attributes(), uuid.uuid4().hex, SUBSCRIPTION)
    return request


def _post(function: EventFunction, request: PushRequest) -> requests.Response:
    return requests.post(function.url, data=request.body, headers=request.headers, timeout=30)


def test_eventarc_events_in_both_content_modes_are_applied_once(event_function: EventFunction) -> None:
    from google.cloud import firestore

    reader = FirestoreCalendarReader(firestore.Client(project=os.environ["GOOGLE_CLOUD_PROJECT"]))
    binary_hour, structured_hour = _hour(), _hour()
    binary = _eventarc(cloud_event_binary, event_emitter().envelope(HourMadeAvailable(binary_hour, 1)))
    structured = _eventarc(cloud_event_structured, event_emitter().envelope(HourMadeAvailable(structured_hour, 1)))

    answers = [_post(event_function, request) for request in (binary, structured, binary)]  # then redelivered

    assert [(answer.status_code, answer.text) for answer in answers] == [(200, "OK")] * 3
    for hour in (binary_hour, structured_hour):
        assert reader.availability_between(hour, hour + timedelta(hours=1)) == {hour: Availability.AVAILABLE}


def test_a_poisoned_event_is_nacked_until_its_parked_copy_is_stored(event_function: EventFunction) -> None:
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    project = os.environ["GOOGLE_CLOUD_PROJECT"]
    poisoned = event_emitter().envelope(HourMadeAvailable(_hour(), 1))
    document = poisoned.to_json_bytes().replace(b'"hour_version":1', b'"hour_version":"one"')
    assert document != poisoned.to_json_bytes()
    request = cloud_event_structured(document, poisoned.attributes(), uuid.uuid4().hex, SUBSCRIPTION)

    unparked = _post(event_function, request)  # its dead-letter topic does not exist yet

    assert unparked.status_code == 503, unparked.text
    assert unparked.json()["outcome"] == "park_failed"

    publisher, subscriber = pubsub_v1.PublisherClient(), pubsub_v1.SubscriberClient()
    topic = publisher.topic_path(project, event_function.dead_letter_topic)
    subscription = subscriber.subscription_path(project, f"{event_function.dead_letter_topic}-sub")
    publisher.create_topic(request={"name": topic})
    subscriber.create_subscription(request={"name": subscription, "topic": topic})
    try:
        parked = _post(event_function, request)  # Pub/Sub's redelivery

        assert (parked.status_code, parked.text) == (200, "OK")
        pulled = subscriber.pull(request={"subscription": subscription, "max_messages": 10}, timeout=10)
        copies = [received.message for received in pulled.received_messages]
        assert [copy.data for copy in copies] == [document]
        assert copies[0].attributes["consumer"] == "trainer-calendar"
        assert copies[0].attributes["event_id"] == poisoned.event_id
        assert copies[0].attributes["error_class"]
    finally:
        subscriber.delete_subscription(request={"subscription": subscription})
        publisher.delete_topic(request={"topic": topic})
        subscriber.close()
