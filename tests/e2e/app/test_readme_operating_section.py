"""Every command of the README's "## Operating" section, run as an operator would in a second
terminal next to `python -m ops dev`: a subprocess with no emulator variable and no --project
(they come from the stack's env file, written by the same code as `ops dev`), each must exit 0.

The commands are read from the README when the test runs (``tests/readme_operating_commands``,
which also states the placeholder convention): ``<correlation-id>`` is a booking made through the
API, ``<functions-log>`` the stack's functions log, ``<group>`` the cause group of a message
parked into the named consumer's dead-letter topic just before the command. Commands run in a
scratch folder, so files they write stay out of the repository. Prompts are answered "y".
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ops.demo.api_client import ApiClient
from ops.demo.dev_tokens import dev_token_environment, mint
from ops.demo.scenario import demo_hours, iso
from ops.dev_stack.dev_stack_announcement import Announcement, announced
from ops.dev_stack.dev_stack_record import DEV_STACK_DIR_VARIABLE
from ops.local_stack.stack import LocalStack, StackSettings
from pipeline_kit.deadletter.parking import parking_attributes
from tests.readme_operating_commands import argv_of, local_commands, operating_commands, unrunnable

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[3]
EMULATOR_VARIABLES = ("PUBSUB_EMULATOR_HOST", "FIRESTORE_EMULATOR_HOST", "FIREBASE_AUTH_EMULATOR_HOST")
PARKED_EVENT_TYPE = "TrainingScheduleRequested"


@pytest.fixture(scope="module")
def dev_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The stack announces itself here, not in .local/ (a developer's `make dev` is left alone)."""
    directory = tmp_path_factory.mktemp("dev-stack")
    saved = os.environ.get(DEV_STACK_DIR_VARIABLE)
    os.environ[DEV_STACK_DIR_VARIABLE] = str(directory)
    yield directory
    if saved is None:
        os.environ.pop(DEV_STACK_DIR_VARIABLE, None)
    else:
        os.environ[DEV_STACK_DIR_VARIABLE] = saved


@pytest.fixture(scope="module")
def dev_stack(dev_dir: Path) -> Iterator[tuple[LocalStack, Announcement]]:
    token_env = dev_token_environment()
    with (
        LocalStack(StackSettings(extra_env=token_env, sweep_interval_seconds=2.0)) as stack,
        announced(stack, token_env["API_AUTH_DEV_PRIVATE_KEY_FILE"], pid=os.getpid()) as announcement,
    ):
        yield stack, announcement


def _book(stack: LocalStack) -> str:
    """A booking through the API; its correlation id."""
    hour = demo_hours(datetime.now(UTC), 1, days_ahead=3)[0]
    trainer = ApiClient(stack.functions_url, mint("trainer-readme", "trainer", "Trainer README"))
    admin = ApiClient(stack.functions_url, mint("admin-readme", "admin", "Admin README"))
    attendee = ApiClient(stack.functions_url, mint("attendee-readme", "attendee", "Attendee README"))
    assert trainer.call("PUT", "/trainer/hours/available", {"hours": [iso(hour)]}).status == 204
    assert admin.call("POST", "/users/attendee-readme/grants", {"amount": 1}).status < 300
    booking = attendee.call("POST", "/trainings", {"hour": iso(hour), "notes": "README"})
    assert booking.status < 300, booking.body
    return booking.correlation_id


def _park(stack: LocalStack, consumer: str) -> str:
    """A message the kit would park for ``consumer``, published to its dead-letter topic; its group id."""
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    from ops.dlq.cause_fingerprint import cause_of

    project = stack.settings.project
    topic = next(c.topic for c in stack.topology.consumers if c.name == consumer)
    attributes = parking_attributes(
        {"event_type": PARKED_EVENT_TYPE, "event_id": "readme-1", "correlation_id": "readme-parked"},
        error_class="PermanentError",
        error_message="training readme-1 can never be scheduled",
        consumer=consumer,
        delivery_attempt=1,
        source_subscription=f"projects/{project}/subscriptions/{consumer}",
        source_topic=topic,
        original_message_id="readme-original-1",
    )
    publisher = pubsub_v1.PublisherClient()
    publisher.publish(publisher.topic_path(project, f"{consumer}-dead-letter"), b"{}", **attributes).result(timeout=30)
    return cause_of(attributes).group_id


def _operator_environment(dev_dir: Path) -> dict[str, str]:
    """A fresh terminal's: no emulator variable, no project; only where the stack announced itself."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update({"PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'functions'}", DEV_STACK_DIR_VARIABLE: str(dev_dir)})
    return env


def test_every_operating_command_of_the_readme_exits_0_against_the_dev_stack(
    dev_stack: tuple[LocalStack, Announcement], dev_dir: Path, tmp_path: Path
) -> None:
    stack, announcement = dev_stack
    assert announcement.env_file.read_text().count("export ") == 3
    commands = local_commands(operating_commands())
    assert commands, "no command found under ## Operating"
    assert {c: unrunnable(c) for c in commands if unrunnable(c)} == {}, "README lines that cannot run as written"

    correlation_id = _book(stack)
    consumers = {consumer.name for consumer in stack.topology.consumers}
    env = _operator_environment(dev_dir)
    assert not set(env) & {*EMULATOR_VARIABLES, "GOOGLE_CLOUD_PROJECT"}
    failures: list[str] = []
    outputs: dict[str, str] = {}
    for command in commands:
        values = {"<correlation-id>": correlation_id, "<functions-log>": str(stack.log_dir / "functions.log")}
        if "<group>" in command:
            named = [word for word in argv_of(command, {}) if word in consumers]
            values["<group>"] = _park(stack, named[0] if named else "users-on-trainings")
        argv = argv_of(command, values)
        result = subprocess.run(
            [sys.executable, "-m", "ops", *argv],
            check=False,
            cwd=tmp_path,
            env=env,
            input="y\n",
            capture_output=True,
            text=True,
            timeout=120,
        )
        outputs[" ".join(argv)] = result.stdout
        if result.returncode != 0:
            failures.append(f"{command}\n  exit {result.returncode}: {(result.stderr or result.stdout).strip()[-600:]}")
        elif "<group>" in command and argv[:2] == ["dlq", "show"] and values["<group>"] not in result.stdout:
            failures.append(f"{command}\n  the parked message of group {values['<group>']} is not shown")
    assert failures == [], "\n".join(failures)
    assert "users-on-trainings-dead-letter-sub" in outputs.get("dlq list", ""), "dlq list read the stack's emulator"


def test_without_the_env_file_the_same_command_does_not_reach_the_stack(
    dev_stack: tuple[LocalStack, Announcement], tmp_path: Path
) -> None:
    env = {**_operator_environment(tmp_path), DEV_STACK_DIR_VARIABLE: str(tmp_path)}  # no dev-stack.env there

    result = subprocess.run(
        [sys.executable, "-m", "ops", "dlq", "list"], check=False, cwd=tmp_path, env=env, capture_output=True, text=True
    )

    assert result.returncode == 2
    assert "--project" in result.stderr, result.stderr
