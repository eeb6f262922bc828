"""Hello (examples/hello) end to end: a command in over HTTP, its event through the outbox and
real Pub/Sub push, the reply in Firestore; a name the consumer cannot greet parked in its
dead-letter topic with the reason, and no reply for it; the outbox sweeper answering."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ops.local_stack.emulators import RunningEmulators
from ops.local_stack.local_paths import new_log_dir
from tests.e2e.examples.hello_run import HelloApp, check_hello, running_hello

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def hello(emulators: RunningEmulators) -> Iterator[HelloApp]:
    """Hello on the repository's interpreter, the kit from ``functions/`` (as ``ops dev`` runs it)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "functions")}
    with running_hello(sys.executable, new_log_dir("hello-e2e"), env) as app:
        yield app


def test_a_greeting_is_answered_by_push_and_a_droid_is_parked(hello: HelloApp) -> None:
    check_hello(hello)
