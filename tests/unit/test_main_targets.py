"""functions/main.py: one target per push consumer declaration plus the four others, each a
plain function named like its target and registered with functions-framework as HTTP, and
functions-framework finds each by name (``--target``)."""

from __future__ import annotations

import types
from pathlib import Path

import functions_framework
import pytest
from functions_framework import _function_registry

import main
from wild_workouts import bootstrap
from wild_workouts.bootstrap import CONSUMERS

pytestmark = pytest.mark.unit

MAIN = Path(__file__).resolve().parents[2] / "functions" / "main.py"
OTHER_TARGETS = {"api", "outbox_sweeper", "saga_timeouts", "monolith"}


def _targets() -> dict[str, types.FunctionType]:
    return {
        name: value
        for name, value in vars(main).items()
        if isinstance(value, types.FunctionType) and not name.startswith("_") and value.__module__ == "main"
    }


def test_the_targets_are_the_consumer_declarations_and_the_four_others() -> None:
    assert set(_targets()) == {consumer.target for consumer in CONSUMERS} | OTHER_TARGETS


def test_the_consumer_targets_are_the_underscore_names_terraform_sets() -> None:
    assert {consumer.target for consumer in CONSUMERS} == {
        "trainer_on_trainings",
        "trainer_calendar",
        "users_on_trainings",
        "trainings_on_trainer",
        "trainings_on_users",
        "attendee_trainings",
    }


def test_each_target_is_named_like_itself_and_registered_as_http() -> None:
    for name, function in _targets().items():
        assert function.__name__ == name
        assert _function_registry.REGISTRY_MAP[name] == _function_registry.HTTP_SIGNATURE_TYPE


@pytest.mark.parametrize("target", ["trainer_calendar", "monolith"])
def test_functions_framework_serves_a_target_by_its_name(target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUSH_AUTH_DISABLED", "true")  # a local push service (no token to check)
    monkeypatch.delenv("K_SERVICE", raising=False)
    bootstrap.reset()
    client = functions_framework.create_app(target=target, source=str(MAIN)).test_client()  # type: ignore[no-untyped-call]

    answer = client.get("/healthz" if target == "monolith" else "/")

    assert answer.status_code == (200 if target == "monolith" else 405)
