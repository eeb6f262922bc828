"""Every push form, POSTed straight to the real functions-framework server."""

from __future__ import annotations

import uuid

import pytest
import requests

from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_app_process import CounterAppProcess
from tests.e2e.kit.counter_pipeline import CounterPipeline
from tests.e2e.kit.push_bodies import ALL_FORMS

pytestmark = pytest.mark.e2e


def test_every_push_form_is_acked_with_204_and_applied_once(
    pipeline: CounterPipeline, counter_app: CounterAppProcess
) -> None:
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    subscription = pipeline.subscription_path(f"{pipeline.names.consumer}-push")
    requests_by_form = {}
    for index, (form, build) in enumerate(ALL_FORMS.items()):
        envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=2**index))
        requests_by_form[form] = (
            envelope,
            build(
                envelope.to_json_bytes(), envelope.attributes(), f"message-{form}-{uuid.uuid4().hex[:6]}", subscription
            ),
        )

    statuses = {}
    for form, (_, request) in requests_by_form.items():
        response = requests.post(counter_app.push_url, data=request.body, headers=request.headers, timeout=30)
        statuses[form] = (response.status_code, response.text)

    assert statuses == {form: (204, "") for form in ALL_FORMS}
    total = 2 ** len(ALL_FORMS) - 1
    assert pipeline.counter(counter_id) == total
    for form, (envelope, _) in requests_by_form.items():
        assert pipeline.processed_marker_exists(envelope.event_id), form
        caused = pipeline.outbox_caused_by(envelope.event_id)  # causation is the event id, in every form
        assert [record["event_type"] for record in caused] == ["CounterChanged"], form

    for form, (_, request) in requests_by_form.items():  # redelivered in the same form: duplicates
        response = requests.post(counter_app.push_url, data=request.body, headers=request.headers, timeout=30)
        assert response.status_code == 204, form
    assert pipeline.counter(counter_id) == total


def test_unwrapped_push_keeps_causation_although_underscore_headers_are_dropped(
    pipeline: CounterPipeline, counter_app: CounterAppProcess
) -> None:
    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=1))
    subscription = pipeline.subscription_path(f"{pipeline.names.consumer}-push")
    request = ALL_FORMS["unwrapped"](envelope.to_json_bytes(), envelope.attributes(), "message-unwrapped", subscription)

    response = requests.post(counter_app.push_url, data=request.body, headers=request.headers, timeout=30)

    assert response.status_code == 204
    # gunicorn (functions-framework's server) drops headers with underscores, so the event_id and
    # correlation_id attributes never arrive as headers: the kit takes them from the envelope.
    caused = pipeline.outbox_caused_by(envelope.event_id)
    assert [record["event_type"] for record in caused] == ["CounterChanged"]
    assert caused[0]["correlation_id"] == envelope.correlation_id
