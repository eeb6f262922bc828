"""The HTTP status of each outcome, POSTed straight to the real server (what Pub/Sub acts on)."""

from __future__ import annotations

import uuid

import pytest
import requests

from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_app_process import AppFactory, CounterAppProcess
from tests.e2e.kit.counter_pipeline import CounterPipeline
from tests.e2e.kit.push_bodies import PushRequest, wrapped_camel_case

pytestmark = pytest.mark.e2e


def push_request(pipeline: CounterPipeline, event: CounterIncremented) -> tuple[str, PushRequest]:
    envelope = pipeline.envelope(event)
    subscription = pipeline.subscription_path(f"{pipeline.names.consumer}-push")
    message_id = f"m-{uuid.uuid4().hex[:8]}"
    return envelope.event_id, wrapped_camel_case(
        envelope.to_json_bytes(), envelope.attributes(), message_id, subscription
    )


def post(app: CounterAppProcess, request: PushRequest) -> requests.Response:
    return requests.post(app.push_url, data=request.body, headers=request.headers, timeout=30)


def test_a_transient_error_answers_503_and_the_redelivery_204(
    pipeline: CounterPipeline, counter_app: CounterAppProcess
) -> None:
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    event_id, request = push_request(
        pipeline, CounterIncremented(counter_id=counter_id, amount=2, transient_failures=1)
    )

    first = post(counter_app, request)
    assert (first.status_code, first.json()["outcome"]) == (503, "retry")
    assert "TransientError" in first.json()["message"]
    assert pipeline.counter(counter_id) is None

    second = post(counter_app, request)
    assert second.status_code == 204
    assert pipeline.counter(counter_id) == 2
    assert pipeline.attempts(event_id) == 2


def test_a_parked_message_answers_204_once_its_copy_is_in_the_dead_letter_topic(
    pipeline: CounterPipeline, counter_app: CounterAppProcess
) -> None:
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    event_id, request = push_request(pipeline, CounterIncremented(counter_id=counter_id, amount=-5))

    response = post(counter_app, request)

    assert response.status_code == 204
    parked = pipeline.pull_dead_letters(wanted=1, timeout=10)
    assert [message.attributes["event_id"] for message in parked] == [event_id]
    assert parked[0].attributes["error_class"] == "PermanentError"
    assert pipeline.counter(counter_id) is None


def test_when_parking_fails_nothing_is_acked(pipeline: CounterPipeline, start_app: AppFactory) -> None:
    app = start_app({"COUNTER_DEAD_LETTER_TOPIC": f"missing-dead-letter-{uuid.uuid4().hex[:8]}"})
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    event_id, request = push_request(pipeline, CounterIncremented(counter_id=counter_id, amount=-1))

    permanent = post(app, request)
    unparseable = post(app, PushRequest({"Content-Type": "application/json"}, b"not a push body"))

    assert (permanent.status_code, permanent.json()["outcome"]) == (503, "park_failed")
    assert (unparseable.status_code, unparseable.json()["outcome"]) == (503, "park_failed")
    assert "parking failed" in unparseable.json()["message"]
    assert pipeline.counter(counter_id) is None
    assert not pipeline.processed_marker_exists(event_id)
    assert pipeline.pull_dead_letters(wanted=1, timeout=1) == []
