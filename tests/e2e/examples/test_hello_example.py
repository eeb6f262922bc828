"""The guide's own commands, as a newcomer runs them: ``python -m ops dev --topology
examples/hello/topology.tf`` (its own emulators, Hello's topology, the app, the sweeper loop), a
greeting POSTed to the URL it prints and answered by push, then a droid's greeting parked and
found by ``python -m ops dlq show`` in a "second terminal" that has only the stack's env file.

About 30 s, more than a test should take: the command starts its own emulators, as the guide's
reader's does. The same scenario on the session's emulators, with the kit installed from its
wheel, is ``tests/integration/kit/test_kit_distribution.py``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ops.local_stack.managed_process import ManagedProcess
from tests.e2e.examples.hello_run import post
from tests.e2e.kit.polling import eventually

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[3]
EMULATOR_VARIABLES = ("PUBSUB_EMULATOR_HOST", "FIRESTORE_EMULATOR_HOST", "GOOGLE_CLOUD_PROJECT")


def _terminal_environment(stack_dir: Path) -> dict[str, str]:
    """A terminal that has set nothing: the ops commands find the stack by its env file."""
    env = {key: value for key, value in os.environ.items() if key not in EMULATOR_VARIABLES}
    return {**env, "OPS_DEV_STACK_DIR": str(stack_dir)}


@pytest.fixture
def ops_dev(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """The running ``ops dev --topology``: its URL and the ``export`` lines it printed."""
    log = tmp_path / "ops-dev.log"
    argv = [sys.executable, "-m", "ops", "dev", "--topology", "examples/hello/topology.tf"]
    process = ManagedProcess("ops-dev-hello", argv, log, env=_terminal_environment(tmp_path), cwd=REPO).start()
    try:
        eventually(
            lambda: "Ctrl-C stops everything." in log.read_text() or process.exit_code() is not None,
            timeout=120,
            what="ops dev to start",
        )
        text = log.read_text()
        assert process.exit_code() is None, text
        url = re.search(r"at (http://127\.0\.0\.1:\d+):", text)
        assert url is not None, text
        exports = dict(re.findall(r"^  export ([A-Z_]+)=(\S+)$", text, flags=re.MULTILINE))
        yield url[1], exports
    finally:
        process.stop(grace_seconds=15)


def _ops(stack_dir: Path, *args: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-m", "ops", *args, "--json"],
        env=_terminal_environment(stack_dir),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def test_the_guides_commands_greet_by_push_and_park_a_droid(
    ops_dev: tuple[str, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, exports = ops_dev
    assert set(EMULATOR_VARIABLES) <= exports.keys()
    assert (tmp_path / "dev-stack.env").is_file()
    for name in EMULATOR_VARIABLES:
        monkeypatch.setenv(name, exports[name])
    from google.cloud import firestore

    db = firestore.Client(project=exports["GOOGLE_CLOUD_PROJECT"])

    status, answer = post(f"{url}/greet", {"name": "Ada"})
    assert status == 202, answer
    reply: dict[str, Any] = eventually(
        lambda: db.collection("hello_replies").document(answer["greeting_id"]).get().to_dict(), what="the reply"
    )
    assert reply["text"] == "Hello, Ada!"

    status, droid = post(f"{url}/greet", {"name": "R2-D2"})
    assert status == 202, droid

    def parked() -> list[Any]:
        return list(_ops(tmp_path, "dlq", "show", "hello-replier")["messages"])

    (message,) = eventually(parked, timeout=30, what="the droid's greeting in hello-replier-dead-letter-sub")
    shown = json.dumps(message)
    assert "PermanentError" in shown and "cannot greet 'R2-D2'" in shown and droid["greeting_id"] in shown
