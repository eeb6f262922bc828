"""The README's Operating section stays runnable as written (the live run is
tests/e2e/app/test_readme_operating_section.py); here without a stack: extraction and convention."""

from __future__ import annotations

import pytest

from tests.readme_operating_commands import argv_of, local_commands, operating_commands, unrunnable

pytestmark = pytest.mark.unit

SAMPLE = """
## Deploying
```sh
python -m ops smoke URL
```
## Operating
intro
```sh
python -m ops dlq list                     # a comment
.venv/bin/python -m ops dlq show users-on-trainings --group <group> \\
    --json
python -m ops trace <X-Correlation-Id> [--log-file .local/logs/stack-…/functions.log]
make dev
```
```text
python -m ops trace 3f2a…
```
## Known gaps
```sh
python -m ops sagas
```
"""


def test_the_commands_of_the_operating_section_only_in_order() -> None:
    assert operating_commands(SAMPLE) == [
        "python -m ops dlq list",
        ".venv/bin/python -m ops dlq show users-on-trainings --group '<group>' --json",
        "python -m ops trace '<correlation-id>'",
    ]


def test_placeholders_are_substituted_and_the_prefix_dropped() -> None:
    command = operating_commands(SAMPLE)[1]

    assert argv_of(command, {"<group>": "1a2b3c4d"}) == [
        "dlq",
        "show",
        "users-on-trainings",
        "--group",
        "1a2b3c4d",
        "--json",
    ]


def test_an_unknown_placeholder_or_an_ellipsis_is_reported() -> None:
    assert unrunnable("python -m ops dlq show <subscription>") == ["unknown placeholder <subscription>"]
    assert unrunnable("python -m ops trace 3f2a…") == ["an ellipsis"]
    assert unrunnable("python -m ops trace '<correlation-id>'") == []


def test_a_google_cloud_command_is_not_run_locally() -> None:
    commands = [
        "python -m ops trace x --project P --show-query",
        "python -m ops trace x",
        "python -m ops x --project=P",
    ]

    assert local_commands(commands) == ["python -m ops trace x"]


def test_every_command_of_the_readme_runs_as_written() -> None:
    commands = local_commands(operating_commands())

    assert any(c.endswith("-m ops dlq list") for c in commands), commands
    assert {c: unrunnable(c) for c in commands if unrunnable(c)} == {}
