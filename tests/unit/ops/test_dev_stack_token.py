"""``python -m ops token`` and the record ``make dev`` leaves for it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ops.dev_stack import dev_stack_record
from ops.dev_stack.dev_stack_record import DevStackRecord, NoDevStack
from ops.dev_stack.welcome import welcome_text
from ops.local_stack.demo_users import DEMO_PASSWORD, DEMO_USERS
from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from tests.unit.kit.auth.from_environment import api_token_verifier_from_env

pytestmark = pytest.mark.unit

PROJECT = "demo-wild-workouts"


@pytest.fixture
def record_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "dev-stack.json"
    monkeypatch.setenv(dev_stack_record.DEV_STACK_DIR_VARIABLE, str(tmp_path))
    return path


def _record(tmp_path: Path, pid: int) -> tuple[DevStackRecord, Path]:
    key_file = tmp_path / "key.pem"
    key_file.write_bytes(DevTokenIssuer(PROJECT).private_key_pem)
    return DevStackRecord("http://127.0.0.1:8123", PROJECT, str(key_file), "http://127.0.0.1:9099", pid), key_file


def test_the_token_is_accepted_by_the_api_of_the_running_stack(record_file: Path, tmp_path: Path) -> None:
    from ops.cli import main

    record, key_file = _record(tmp_path, os.getpid())
    record.write(record_file)

    result = CliRunner().invoke(main, ["token", "--role", "attendee", "--uid", "alice"])

    assert result.exit_code == 0, result.output
    verifier = api_token_verifier_from_env(
        {
            "FIREBASE_PROJECT_ID": PROJECT,
            "API_AUTH_DEV_ISSUER": "true",
            "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file),
            "FIRESTORE_EMULATOR_HOST": "127.0.0.1:8080",  # the stack's API runs on the emulators
            "PUBSUB_EMULATOR_HOST": "127.0.0.1:8085",
        }
    )
    caller = verifier.verify(result.output.strip())
    assert (caller.uid, caller.role, caller.name) == ("alice", "attendee", "Alice Attendee")


def test_no_running_stack_is_one_clear_line(record_file: Path) -> None:
    from ops.cli import main

    result = CliRunner().invoke(main, ["token", "--role", "trainer"])

    assert result.exit_code == 2
    assert result.output.strip() == "no `make dev` stack is running (start one with `make dev`)."


def test_a_record_of_a_dead_process_counts_as_no_stack(record_file: Path, tmp_path: Path) -> None:
    record, _ = _record(tmp_path, pid=2**22 + 12345)  # above the default pid_max: never a live process
    record.write(record_file)

    with pytest.raises(NoDevStack, match="is gone"):
        DevStackRecord.read(record_file)


def test_remove_leaves_another_process_record_alone(record_file: Path, tmp_path: Path) -> None:
    record, _ = _record(tmp_path, os.getpid())
    record.write(record_file)

    DevStackRecord.remove(record_file, pid=os.getpid() + 1)
    assert record_file.exists()
    DevStackRecord.remove(record_file, pid=os.getpid())
    assert not record_file.exists()


def test_the_welcome_lists_urls_users_and_a_curl_line() -> None:
    text = welcome_text("http://127.0.0.1:8123", "http://127.0.0.1:9099", {"alice": 5, "bob": 5}, web_built=True)

    assert "http://127.0.0.1:8123/app/" in text
    assert "http://127.0.0.1:8123/docs" in text
    assert DEMO_PASSWORD in text
    for user in DEMO_USERS:
        assert user.email in text
    assert "python -m ops token --role attendee --uid alice" in text
    assert "curl" in text and "http://127.0.0.1:8123/users/me/balance" in text
    assert "not built" not in text
    assert "not built" in welcome_text("http://h", None, {}, web_built=False)
