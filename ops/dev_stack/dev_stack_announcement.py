"""What a running local stack leaves in ``.local/`` for the other terminals, written and removed
as one: the record (``dev-stack.json``, for ``ops token``) and the env file (``dev-stack.env``,
for the Google Cloud commands and ``source``).

``python -m ops dev`` and the test of the README's Operating section both use ``announced``, so
the test runs the commands against exactly what an operator gets.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ops.dev_stack.dev_stack_env import remove_env_file, write_env_file
from ops.dev_stack.dev_stack_record import RECORD_FILE_NAME, DevStackRecord, dev_stack_dir
from ops.local_stack.stack import LocalStack


@dataclass(frozen=True)
class Announcement:
    environment: dict[str, str]
    env_file: Path


def stack_environment(stack: LocalStack) -> dict[str, str]:
    """The variables an ops command in another terminal needs for this stack."""
    assert stack.emulators is not None, "the stack is not started"
    values = {
        "PUBSUB_EMULATOR_HOST": stack.emulators.pubsub_host,
        "FIRESTORE_EMULATOR_HOST": stack.emulators.firestore_host,
        "GOOGLE_CLOUD_PROJECT": stack.settings.project,
    }
    if stack.auth_emulator is not None:
        values["FIREBASE_AUTH_EMULATOR_HOST"] = stack.auth_emulator.host
    return values


@contextmanager
def announced(stack: LocalStack, dev_issuer_key_file: str, pid: int) -> Iterator[Announcement]:
    """Write the record and the env file of ``stack`` (owned by ``pid``); remove both on exit."""
    directory = dev_stack_dir()
    environment = stack_environment(stack)
    DevStackRecord(
        api_url=stack.functions_url,
        firebase_project_id=stack.firebase_project_id,
        dev_issuer_key_file=dev_issuer_key_file,
        auth_emulator_url=stack.auth_emulator.url if stack.auth_emulator is not None else None,
        pid=pid,
    ).write(directory / RECORD_FILE_NAME)
    try:
        env_file = write_env_file(environment, pid, directory)
        yield Announcement(environment, env_file)
    finally:
        remove_env_file(pid, directory)
        DevStackRecord.remove(directory / RECORD_FILE_NAME, pid=pid)
