"""``.local/dev-stack.env``: what ``ops dev`` writes and when the ops commands use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ops.cli_support.project_option import project_option
from ops.dev_stack.dev_stack_env import apply_env_file, read_env_file, remove_env_file, write_env_file
from ops.dev_stack.dev_stack_record import DEV_STACK_DIR_VARIABLE

pytestmark = pytest.mark.unit

STACK = {
    "PUBSUB_EMULATOR_HOST": "127.0.0.1:8611",
    "FIRESTORE_EMULATOR_HOST": "127.0.0.1:8622",
    "GOOGLE_CLOUD_PROJECT": "wild-workouts-local",
}
CLEARED = ("PUBSUB_EMULATOR_HOST", "FIRESTORE_EMULATOR_HOST", "GOOGLE_CLOUD_PROJECT", "FIREBASE_AUTH_EMULATOR_HOST")


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def stack_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(DEV_STACK_DIR_VARIABLE, str(tmp_path))
    for name in CLEARED:
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@click.command()
@project_option
def show(project: str) -> None:
    click.echo(
        f"{project} {os.environ.get('PUBSUB_EMULATOR_HOST', '-')} {os.environ.get('FIRESTORE_EMULATOR_HOST', '-')}"
    )


def test_the_file_is_shell_exports_that_bash_can_source(stack_dir: Path) -> None:
    path = write_env_file(STACK, os.getpid())

    shown = subprocess.run(
        ["bash", "-c", f'source "{path}" && echo "$PUBSUB_EMULATOR_HOST $GOOGLE_CLOUD_PROJECT"'],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ["PATH"]},
    )
    assert shown.stdout.strip() == "127.0.0.1:8611 wild-workouts-local"
    assert read_env_file() == STACK


def test_with_nothing_set_a_command_takes_the_stack_and_its_project(stack_dir: Path) -> None:
    write_env_file(STACK, os.getpid())

    result = CliRunner().invoke(show, [])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "wild-workouts-local 127.0.0.1:8611 127.0.0.1:8622"


def test_an_explicit_project_wins_and_the_file_is_not_read(stack_dir: Path) -> None:
    write_env_file(STACK, os.getpid())

    result = CliRunner().invoke(show, ["--project", "prod-project"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == "prod-project - -", "--project means Google Cloud: no emulator host taken"


@pytest.mark.parametrize("variable", ["PUBSUB_EMULATOR_HOST", "FIRESTORE_EMULATOR_HOST", "GOOGLE_CLOUD_PROJECT"])
def test_any_explicit_variable_wins_over_the_whole_file(variable: str, stack_dir: Path) -> None:
    write_env_file(STACK, os.getpid())
    environ = {variable: "127.0.0.1:9999" if variable.endswith("HOST") else "my-project"}

    assert apply_env_file(environ) == {}
    assert environ == {variable: environ[variable]}


def test_the_file_of_a_stack_that_is_gone_is_ignored(stack_dir: Path) -> None:
    write_env_file(STACK, _dead_pid())

    assert read_env_file() == {}
    result = CliRunner().invoke(show, [])
    assert result.exit_code == 2
    assert "--project" in result.output and "python -m ops dev" in result.output


def test_removing_leaves_a_newer_stacks_file_alone(stack_dir: Path) -> None:
    path = write_env_file(STACK, os.getpid())

    remove_env_file(pid=os.getpid() + 1)
    assert path.exists()
    remove_env_file(pid=os.getpid())
    assert not path.exists()
