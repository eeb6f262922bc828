"""Every command explains itself with an example; operator errors are one line and exit 2.

Integration only because it opens local sockets (a closed port stands for a stopped emulator)
and lets google-auth look for credentials; no emulator is started."""

from __future__ import annotations

import socket

import click
import pytest
from click.testing import CliRunner

from ops.cli import main

pytestmark = pytest.mark.integration


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, (*prefix, name)))
    return found


def test_every_command_has_help_with_an_example() -> None:
    commands = all_commands(main)
    assert {("dlq", "list"), ("dlq", "show"), ("dlq", "redrive"), ("dlq", "purge"), ("trace",), ("topology",)} <= set(
        commands
    )
    for path in commands:
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, path


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    "args",
    [["dlq", "list"], ["dlq", "show", "x"], ["dlq", "redrive", "x"], ["dlq", "purge", "x", "--yes"]],
)
def test_no_emulator_reachable_is_one_line(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", f"127.0.0.1:{closed_port()}")

    result = CliRunner().invoke(main, [*args, "--project", "p"])

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("no emulator reachable at 127.0.0.1:")


def test_no_firestore_emulator_for_trace_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", f"127.0.0.1:{closed_port()}")

    result = CliRunner().invoke(main, ["trace", "c-1", "--project", "p"])

    assert result.exit_code == 2
    assert "no emulator reachable" in result.stderr
    assert result.stderr.count("\n") == 1


def test_no_credentials_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.delenv("PUBSUB_EMULATOR_HOST", raising=False)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", f"{tmp_path}/missing.json")

    result = CliRunner().invoke(main, ["dlq", "list", "--project", "p"])

    assert result.exit_code == 2
    assert result.stderr.startswith("no Google Cloud credentials")
    assert result.stderr.count("\n") == 1


def test_a_bad_age_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", f"127.0.0.1:{closed_port()}")

    result = CliRunner().invoke(main, ["dlq", "show", "x", "--project", "p", "--older-than", "soon"])

    assert result.exit_code == 2
    assert result.stderr.startswith("invalid age 'soon'")


def test_a_missing_project_says_how_to_give_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOOGLE_CLOUD_PROJECT", raising=False)

    result = CliRunner().invoke(main, ["dlq", "list"])

    assert result.exit_code == 2
    assert "--project" in result.stderr
