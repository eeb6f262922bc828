"""The trainer routes on the real Firestore and Pub/Sub emulators."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pipeline_kit.auth.push_authenticator import DisabledPushAuthenticator
from tests.integration.api.conftest import ApiClient

pytestmark = pytest.mark.integration


def _future_hours(count: int) -> list[str]:
    day = (datetime.now(UTC) + timedelta(days=3)).date()
    return [f"{day.isoformat()}T{13 + index:02d}:00:00Z" for index in range(count)]


def _trainer_token() -> str:
    from tests.integration.api.dev_token import mint_dev_token

    return mint_dev_token("trainer-1", "trainer", "Tina Trainer")


def _project_trainer_events(api: ApiClient) -> int:
    """Pull what the trainer published and push it through the calendar consumer."""
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    from pipeline_kit.routing.push_consumer import PushConsumer
    from pipeline_kit.routing.push_request import PushRequest
    from wild_workouts.bootstrap import consumer_spec, event_emitter, event_registry
    from wild_workouts.trainer.entrypoints.push_consumers import TRAINER_CALENDAR

    consumer = PushConsumer(
        consumer_spec(TRAINER_CALENDAR), event_registry(), event_emitter(), DisabledPushAuthenticator()
    )
    subscriber = pubsub_v1.SubscriberClient()
    handled = 0
    try:
        pulled = subscriber.pull(subscription=api.subscriptions["trainer"], max_messages=50, timeout=10)
        for received in pulled.received_messages:
            message = received.message
            body = {
                "message": {
                    "data": base64.b64encode(message.data).decode(),
                    "attributes": dict(message.attributes),
                    "messageId": message.message_id,
                    "publishTime": "2026-01-01T00:00:00Z",
                },
                "subscription": api.subscriptions["trainer"],
            }
            result = consumer.handle(PushRequest.with_body({}, json.dumps(body).encode()))
            assert result.status == 204, result
            handled += 1
        if pulled.received_messages:
            subscriber.acknowledge(
                subscription=api.subscriptions["trainer"],
                ack_ids=[item.ack_id for item in pulled.received_messages],
            )
    finally:
        subscriber.close()
    return handled


def _availability(api: ApiClient, token: str, hours: list[str]) -> dict[str, str]:
    day = hours[0][:10]
    response = api.call("GET", f"/trainer/calendar?date_from={day}&date_to={day}", token)
    assert response.status_code == 200
    assert response.headers["X-Consistency"] == "eventual"
    found = {item["hour"]: item["availability"] for item in response.json["days"][0]["hours"]}
    return {hour: found[hour] for hour in hours}


def test_opened_hours_show_in_the_calendar_once_projected(api: ApiClient) -> None:
    token = _trainer_token()
    hours = _future_hours(2)
    response = api.call("PUT", "/trainer/hours/available", token, json={"hours": hours})
    assert response.status_code == 204
    assert _project_trainer_events(api) == 2
    assert _availability(api, token, hours) == dict.fromkeys(hours, "available")

    response = api.call("PUT", "/trainer/hours/unavailable", token, json={"hours": hours[:1]})
    assert response.status_code == 204
    assert _project_trainer_events(api) == 1
    assert _availability(api, token, hours) == {hours[0]: "not_available", hours[1]: "available"}


def test_opening_the_same_hours_twice_publishes_once(api: ApiClient) -> None:
    token = _trainer_token()
    hours = _future_hours(1)
    for _ in range(2):
        response = api.call("PUT", "/trainer/hours/available", token, json={"hours": hours})
        assert response.status_code == 204
    assert _project_trainer_events(api) == 1


def test_an_hour_outside_opening_hours_is_refused_with_the_rule(api: ApiClient) -> None:
    day = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    response = api.call("PUT", "/trainer/hours/available", _trainer_token(), json={"hours": [f"{day}T21:00:00Z"]})
    assert response.status_code == 422
    assert response.json["code"] == "hour_too_late"
    assert "max UTC hour 20" in response.json["message"]


def test_an_attendee_cannot_open_hours(api: ApiClient) -> None:
    from tests.integration.api.dev_token import mint_dev_token

    token = mint_dev_token("attendee-1", "attendee", "Ann")
    response: Any = api.call("PUT", "/trainer/hours/available", token, json={"hours": _future_hours(1)})
    assert response.status_code == 403
