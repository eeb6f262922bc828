"""Hello (examples/hello) end to end: a command in over HTTP, its event through the outbox and
real Pub/Sub push, the reply in Firestore; a name the consumer cannot greet parked in its
dead-letter topic with the reason, and no reply for it; the outbox sweeper answering."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from ops.local_stack.local_paths import new_log_dir
from tests.e2e.examples.hello_run import HelloApp, post, pull_dead_letters, running_hello
from tests.e2e.kit.polling import eventually

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def hello(emulators: RunningEmulators) -> Iterator[HelloApp]:
    """Hello on the repository's interpreter, the kit from ``functions/`` (as ``ops dev`` runs it)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "functions")}
    with running_hello(sys.executable, new_log_dir("hello-e2e"), env) as app:
        yield app


def check_hello(app: HelloApp) -> None:
    """The scenario, shared with the distribution test (which runs it on the installed wheel)."""
    from google.cloud import firestore

    db = firestore.Client(project=app.project)

    status, answer = post(f"{app.url}/greet", {"name": "Ada"})
    assert status == 202, answer
    greeting_id = answer["greeting_id"]
    assert (db.collection("hello_greetings").document(greeting_id).get().to_dict() or {})["name"] == "Ada"
    reply: dict[str, Any] = eventually(
        lambda: db.collection("hello_replies").document(greeting_id).get().to_dict(), what="Ada's reply"
    )
    assert reply["text"] == "Hello, Ada!"

    status, answer = post(f"{app.url}/greet", {"name": "R2-D2"})
    assert status == 202, answer
    droid = answer["greeting_id"]
    parked = pull_dead_letters(app.project, "hello-replier-dead-letter-sub")
    assert len(parked) == 1, f"expected the R2-D2 greeting parked, got {parked}"
    data, attributes = parked[0]
    assert attributes["error_class"] == "PermanentError"
    assert attributes["error_message"].startswith("cannot greet 'R2-D2'")
    assert (attributes["consumer"], attributes["source_topic"]) == ("hello-replier", "hello-greetings")
    assert json.loads(data)["payload"] == {"greeting_id": droid, "name": "R2-D2"}
    assert not db.collection("hello_replies").document(droid).get().exists

    status, swept = post(f"{app.url}/outbox_sweeper?older_than_seconds=0")
    assert status == 200, swept
    assert swept["failed"] == 0

    assert post(f"{app.url}/greet", {"name": "  "})[0] == 400


def test_a_greeting_is_answered_by_push_and_a_droid_is_parked(hello: HelloApp) -> None:
    check_hello(hello)
