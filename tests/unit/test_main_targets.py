"""functions/main.py: one HTTP target per push consumer declaration plus the four others, and one
CloudEvent target per declaration (``<consumer>_event``, for Eventarc), each a plain function
named like its target and registered with functions-framework as such, and functions-framework
finds each by name (``--target``)."""

from __future__ import annotations

import base64
import types
from datetime import UTC, datetime
from pathlib import Path

import functions_framework
import pytest
from functions_framework import _function_registry

import main
from wild_workouts import bootstrap
from wild_workouts.bootstrap import CONSUMERS
from wild_workouts.contracts.trainer_events import HourReservationRejected

pytestmark = pytest.mark.unit

MAIN = Path(__file__).resolve().parents[2] / "functions" / "main.py"
OTHER_TARGETS = {"api", "outbox_sweeper", "saga_timeouts", "monolith"}


def _targets() -> dict[str, types.FunctionType]:
    return {
        name: value
        for name, value in vars(main).items()
        if isinstance(value, types.FunctionType) and not name.startswith("_") and value.__module__ == "main"
    }


def test_the_targets_are_the_consumer_declarations_their_event_twins_and_the_four_others() -> None:
    assert set(_targets()) == (
        {consumer.target for consumer in CONSUMERS} | {consumer.event_target for consumer in CONSUMERS} | OTHER_TARGETS
    )


def test_the_consumer_targets_are_the_underscore_names_terraform_sets() -> None:
    assert {consumer.target for consumer in CONSUMERS} == {
        "trainer_on_trainings",
        "trainer_calendar",
        "users_on_trainings",
        "trainings_on_trainer",
        "trainings_on_users",
        "attendee_trainings",
    }


def test_each_target_is_named_like_itself_and_registered_as_http_or_as_a_cloud_event() -> None:
    event_targets = {consumer.event_target for consumer in CONSUMERS}
    for name, function in _targets().items():
        assert function.__name__ == name
        expected = (
            _function_registry.CLOUDEVENT_SIGNATURE_TYPE
            if name in event_targets
            else _function_registry.HTTP_SIGNATURE_TYPE
        )
        assert _function_registry.REGISTRY_MAP[name] == expected, name


def test_functions_framework_serves_an_event_target_by_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CloudEvent of a type the consumer does not handle is acked (200) with nothing read or
    written, and so is the same message as a plain push body; a request that is no CloudEvent is
    refused by functions-framework (415) before the consumer runs."""
    monkeypatch.delenv("K_SERVICE", raising=False)
    monkeypatch.delenv("PUSH_AUTH_DISABLED", raising=False)  # the event path never checks a token
    bootstrap.reset()
    client = functions_framework.create_app(target="trainer_calendar_event", source=str(MAIN)).test_client()  # type: ignore[no-untyped-call]
    rejected = bootstrap.event_emitter().envelope(
        HourReservationRejected(datetime(2090, 1, 1, 12, tzinfo=UTC), "t1", "taken", "hour_not_available")
    )
    message = {"data": base64.b64encode(rejected.to_json_bytes()).decode(), "attributes": rejected.attributes()}
    event = {
        "specversion": "1.0",
        "type": "google.cloud.pubsub.topic.v1.messagePublished",
        "source": "//pubsub.googleapis.com/projects/p/topics/trainer-events",
        "id": "1",
        "data": {"message": {**message, "messageId": "1"}, "subscription": "projects/p/subscriptions/s"},
    }

    acked = client.post("/", json=event, headers={"Content-Type": "application/cloudevents+json"})
    pushed = client.post("/", json=event["data"])  # a plain push body: functions-framework converts it
    refused = client.post("/", data=b"not json", headers={"Content-Type": "text/plain"})

    assert (acked.status_code, acked.get_data()) == (200, b"OK")
    assert (pushed.status_code, pushed.get_data()) == (200, b"OK")
    assert refused.status_code == 415  # functions-framework refuses it: the consumer never sees it


@pytest.mark.parametrize("target", ["trainer_calendar", "monolith"])
def test_functions_framework_serves_a_target_by_its_name(target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUSH_AUTH_DISABLED", "true")  # a local push service (no token to check)
    monkeypatch.delenv("K_SERVICE", raising=False)
    bootstrap.reset()
    client = functions_framework.create_app(target=target, source=str(MAIN)).test_client()  # type: ignore[no-untyped-call]

    answer = client.get("/healthz" if target == "monolith" else "/")

    assert answer.status_code == (200 if target == "monolith" else 405)
