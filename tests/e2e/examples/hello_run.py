"""Run Hello (examples/hello) on the session's emulators, behind real Pub/Sub push, with a given
interpreter and environment: ``tests/integration/kit/test_kit_distribution.py`` runs it on a fresh
virtualenv's (the kit from its wheel); ``check_hello`` is the scenario.

Each run gets its own Google Cloud project name (the emulators accept any), so its topics and
subscriptions are its own, created from ``examples/hello/topology.tf`` as ``ops dev --topology``
creates them (``provision_topology``, push endpoints to this app's ``/push/<consumer>``).
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ops.local_stack.emulators import wait_until
from ops.local_stack.free_port import free_port
from ops.local_stack.managed_process import ManagedProcess
from ops.local_stack.pubsub_provisioner import BackoffOverride, provision_topology
from ops.local_stack.topology import load_topology
from tests.e2e.kit.polling import eventually

HELLO = Path(__file__).resolve().parents[3] / "examples" / "hello"
TOPOLOGY = HELLO / "topology.tf"


@dataclass(frozen=True)
class HelloApp:
    url: str
    project: str
    log_path: Path


@contextmanager
def running_hello(python: str, log_dir: Path, env: Mapping[str, str]) -> Iterator[HelloApp]:
    """Serve Hello's ``monolith`` with ``python -m pipeline_kit.http.serve`` (cwd ``log_dir``, the
    environment ``env`` plus the emulators' and the project's), provision its topology, yield."""
    project = f"hello-{uuid.uuid4().hex[:10]}"
    port = free_port()
    environment = {key: value for key, value in env.items() if key != "K_SERVICE"}
    environment.update(
        {
            "PUBSUB_EMULATOR_HOST": os.environ["PUBSUB_EMULATOR_HOST"],
            "FIRESTORE_EMULATOR_HOST": os.environ["FIRESTORE_EMULATOR_HOST"],
            "GOOGLE_CLOUD_PROJECT": project,
            "PUSH_AUTH_DISABLED": "true",  # the emulator sends no token
            "ACK_DEADLINE_SECONDS": "30",
            "TRACE_EXPORTER": "none",
            "PYTHONUNBUFFERED": "1",
        }
    )
    log_path = log_dir / f"{project}.log"
    argv = [python, "-m", "pipeline_kit.http.serve", "--source", str(HELLO / "main.py"), "--target", "monolith"]
    process = ManagedProcess(
        "hello", [*argv, "--host", "127.0.0.1", "--port", str(port)], log_path, env=environment, cwd=log_dir
    ).start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _status(f"{url}/healthz") == 200, process, time.monotonic() + 60)
        provision_topology(
            project,
            load_topology(TOPOLOGY),
            endpoint_for=lambda consumer: f"{url}/push/{consumer.name}",
            backoff_override=BackoffOverride(1.0, 2.0),
            ack_deadline_override=30,
        )
        yield HelloApp(url=url, project=project, log_path=log_path)
    finally:
        process.stop()


def check_hello(app: HelloApp) -> None:
    """The scenario (asserts): Ada answered by push; R2-D2 parked with the reason and not answered;
    the sweeper answers; a blank name refused by the command."""
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


def post(url: str, body: Mapping[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    """POST ``body`` as JSON (nothing when None); the status and the JSON answer."""
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})  # noqa: S310 - local URL
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def pull_dead_letters(project: str, subscription: str, timeout: float = 30.0) -> list[tuple[bytes, dict[str, str]]]:
    """Pull (and ack) from ``subscription`` until a message came or ``timeout`` passed."""
    from google.api_core.exceptions import DeadlineExceeded
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    subscriber = pubsub_v1.SubscriberClient()
    path = subscriber.subscription_path(project, subscription)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            try:
                response = subscriber.pull(request={"subscription": path, "max_messages": 10}, timeout=3)
            except DeadlineExceeded:
                continue
            if response.received_messages:
                ack_ids = [item.ack_id for item in response.received_messages]
                subscriber.acknowledge(request={"subscription": path, "ack_ids": ack_ids})
                return [(bytes(i.message.data), dict(i.message.attributes)) for i in response.received_messages]
            time.sleep(0.2)
        return []
    finally:
        subscriber.close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - local URL
            return int(response.status)
    except (urllib.error.URLError, OSError):
        return 0
