"""What one booking costs in billed units: the whole saga of ``POST /trainings`` run in this
process on the emulators, every message delivered to every consumer whose subscription filter
accepts it (as production push does; the emulator applies no filters), counted by the kit's
``FIRESTORE_RPCS`` (round trips) and by ``bench.billable_counters`` (documents, messages, bytes).
Pub/Sub bills a delivery to every subscription of the topic, its filter accepting the message
or not (the filtered ones are acknowledged by Pub/Sub itself, without egress, but their delivery
is billed): ``billed_deliveries`` counts those, ``push_deliveries`` the requests Cloud Run serves.

``python -m bench.booking_costs OUT.json BOOKINGS`` runs in a child process (its own counters,
clients and ``OUTBOX_MARK_SENT``), started by ``measure_booking_costs``. The monolith app is
functions-framework's ``create_app`` driven by Flask's test client (no socket, so each
request's time is the application's and Firestore's, not the network's); messages are pulled
from one pull subscription per consumer and POSTed to ``/push/<consumer>`` as Pub/Sub's wrapped
push body. The hours and balances are set up first and not counted; one booking warms up.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.targets import REPO_ROOT

PROJECT_PREFIX = "bench-costs"
SUBSCRIPTION_PREFIX = "costs-"
MINIMUM_BILLED_BYTES = 1000


def measure_booking_costs(
    emulator_env: Mapping[str, str], bookings: int, mark_sent: str, log_dir: Path
) -> dict[str, Any]:
    """Run the child for ``bookings`` bookings with ``OUTBOX_MARK_SENT=mark_sent``; its JSON."""
    project = f"{PROJECT_PREFIX}-{mark_sent}-{uuid.uuid4().hex[:6]}"
    env = {k: v for k, v in os.environ.items() if k not in ("K_SERVICE", "TRACE_EXPORTER")}
    env.update(emulator_env)
    env.update(
        {
            "GOOGLE_CLOUD_PROJECT": project,
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "functions"), str(REPO_ROOT)]),
            "PUSH_AUTH_DISABLED": "true",
            "TRACE_EXPORTER": "none",
            "OUTBOX_MARK_SENT": mark_sent,
            "TRAINER_MIN_UTC_HOUR": "0",
            "TRAINER_MAX_UTC_HOUR": "23",
        }
    )
    out = log_dir / f"booking-costs-{mark_sent}.json"
    with (log_dir / f"booking-costs-{mark_sent}.log").open("w") as log:
        subprocess.run(
            [sys.executable, "-m", "bench.booking_costs", str(out), str(bookings)],
            env=env,
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=600,
        )
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _run(bookings: int) -> dict[str, Any]:
    from bench import billable_counters

    billable_counters.install()
    from ops.demo.dev_tokens import dev_token_environment, mint, remove_key_file

    project = os.environ["GOOGLE_CLOUD_PROJECT"]
    os.environ.update(dev_token_environment(project))
    try:
        return _measure(bookings, project, mint)
    finally:
        remove_key_file()


class _SagaDriver:
    """The monolith in this process, fed through pull subscriptions standing in for push."""

    def __init__(self, project: str, mint: Any) -> None:
        import functions_framework
        from google.cloud import firestore, pubsub_v1  # type: ignore[attr-defined]

        from ops.local_stack.topology import load_topology

        self.project, self.mint = project, mint
        self.publisher, self.subscriber = pubsub_v1.PublisherClient(), pubsub_v1.SubscriberClient()
        topology = load_topology()
        for topic in topology.topics.values():
            self.publisher.create_topic(request={"name": self.publisher.topic_path(project, topic)})
        self.subscriptions: dict[str, tuple[str, set[str]]] = {}
        for consumer in topology.consumers:
            path = self.subscriber.subscription_path(project, SUBSCRIPTION_PREFIX + consumer.name)
            topic_path = self.publisher.topic_path(project, consumer.topic)
            self.subscriber.create_subscription(request={"name": path, "topic": topic_path, "ack_deadline_seconds": 60})
            self.subscriptions[consumer.name] = (path, set(consumer.event_types))
        source = str(REPO_ROOT / "functions" / "main.py")
        app = functions_framework.create_app(target="monolith", source=source)  # type: ignore[no-untyped-call]
        self.client = app.test_client()
        self.db = firestore.Client(project=project)
        self.requests: list[dict[str, Any]] = []
        self.delivered: list[int] = []  # each pushed message's size
        self.billed: list[int] = []  # every message each subscription received, accepted by its filter or not

    def forget(self) -> None:
        self.requests.clear()
        self.delivered.clear()
        self.billed.clear()

    def open_hours_and_fund(self, hours: list[datetime], users: list[str]) -> None:
        trainer = {"Authorization": f"Bearer {self.mint('bench-trainer', 'trainer', 'Trainer', self.project)}"}
        body = {"hours": [_iso(h) for h in hours]}
        answer = self.client.put("/trainer/hours/available", json=body, headers=trainer)
        if answer.status_code != 204:
            raise RuntimeError(f"opening hours answered {answer.status_code}: {answer.get_data(as_text=True)}")
        batch = self.db.batch()
        for user in users:
            batch.set(self.db.collection("users_accounts").document(user), {"user_id": user, "balance": 1})
        batch.commit()

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.thread_time()
        response = self.client.open(path, method=method, **kwargs)
        self.requests.append(
            {
                "path": path,
                "status": response.status_code,
                "wall_ms": (time.perf_counter() - started) * 1000,
                "cpu_ms": (time.thread_time() - cpu) * 1000,
            }
        )
        return response

    def book(self, user: str, hour: datetime) -> str:
        headers = {"Authorization": f"Bearer {self.mint(user, 'attendee', user, self.project)}"}
        response = self.call("POST", "/trainings", json={"hour": _iso(hour), "notes": "bench"}, headers=headers)
        if response.status_code != 202:
            raise RuntimeError(f"booking answered {response.status_code}: {response.get_data(as_text=True)}")
        return str(response.get_json()["training_id"])

    def deliver_all(self) -> None:
        """Deliver until every subscription is empty twice in a row."""
        empty_rounds = 0
        while empty_rounds < 2:
            pulled = sum(self._deliver_pulled(name) for name in self.subscriptions)
            empty_rounds = empty_rounds + 1 if pulled == 0 else 0
            if pulled == 0:
                time.sleep(0.2)

    def _deliver_pulled(self, name: str) -> int:
        path, accepted = self.subscriptions[name]
        request = {"subscription": path, "max_messages": 100, "return_immediately": True}
        received = self.subscriber.pull(request=request, timeout=10).received_messages
        for item in received:
            message = item.message
            self.billed.append(_size(message))
            if message.attributes.get("event_type") in accepted:
                self.delivered.append(_size(message))
                status = self.call("POST", f"/push/{name}", json=_push_body(message, path)).status_code
                if status not in (200, 204):
                    raise RuntimeError(f"{name} answered {status}")
        if received:
            self.subscriber.acknowledge(request={"subscription": path, "ack_ids": [r.ack_id for r in received]})
        return len(received)

    def status_of(self, training_id: str) -> Any:
        return (self.db.collection("trainings").document(training_id).get().to_dict() or {}).get("status")


def _measure(bookings: int, project: str, mint: Any) -> dict[str, Any]:
    from bench.billable_counters import COUNTERS
    from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS
    from pipeline_kit.outbox.mark_sent_commit import MARK_SENT_RPCS
    from pipeline_kit.outbox.sent_marker import flush_sent_marks

    driver = _SagaDriver(project, mint)
    first = (datetime.now(UTC) + timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    hours = [first + timedelta(hours=n) for n in range(bookings + 1)]
    users = [f"cost-user-{n}" for n in range(len(hours))]
    driver.open_hours_and_fund(hours, users)
    driver.deliver_all()  # the hours' events (setup)
    driver.book(users[0], hours[0])  # warm-up
    driver.deliver_all()
    flush_sent_marks(timeout=60)
    COUNTERS.take()
    driver.forget()
    rpcs_before, marks_before = FIRESTORE_RPCS.snapshot(), MARK_SENT_RPCS.snapshot()
    trainings = []
    for user, hour in zip(users[1:], hours[1:], strict=True):
        trainings.append(driver.book(user, hour))
        driver.deliver_all()
    if not flush_sent_marks(timeout=60):
        raise RuntimeError("deferred mark-sent commits did not finish")
    counts = COUNTERS.take()
    rpcs, marks = FIRESTORE_RPCS.snapshot(), MARK_SENT_RPCS.snapshot()
    n = float(bookings)
    statuses = [driver.status_of(t) for t in trainings]
    return {
        "bookings": bookings,
        "mark_sent": os.environ.get("OUTBOX_MARK_SENT", "deferred"),
        "final_statuses": {str(s): statuses.count(s) for s in set(statuses)},
        "firestore": _firestore_per_booking(counts, n),
        "firestore_round_trips": {
            "reads": (rpcs.reads - rpcs_before.reads) / n,
            "commits": (rpcs.commits - rpcs_before.commits) / n,
            "queries": (rpcs.queries - rpcs_before.queries) / n,
            "of_which_mark_sent_commits": (marks.commits - marks_before.commits) / n,
        },
        "pubsub": {
            "messages_published": counts.messages_published / n,
            "push_deliveries": len(driver.delivered) / n,
            "billed_deliveries": len(driver.billed) / n,
            "published_bytes": sum(counts.message_bytes) / n,
            "delivered_bytes": sum(driver.delivered) / n,
            "billed_publish_bytes": sum(_billed_size(b) for b in counts.message_bytes) / n,
            "billed_delivery_bytes": sum(_billed_size(b) for b in driver.billed) / n,
            "message_bytes_max": max(counts.message_bytes + driver.billed, default=0),
        },
        "cloud_run": _cloud_run_per_booking(driver.requests, n),
    }


def _firestore_per_booking(counts: Any, n: float) -> dict[str, Any]:
    return {
        "documents_read": (counts.documents_read + counts.documents_missing + counts.empty_queries) / n,
        "documents_found": counts.documents_read / n,
        "documents_missing": counts.documents_missing / n,
        "empty_queries": counts.empty_queries / n,
        "documents_written": counts.documents_written / n,
        "documents_deleted_now": counts.documents_deleted / n,
        "documents_deleted_by_ttl_later": len(counts.ttl_documents) / n,
        "writes_by_collection": {k: v / n for k, v in sorted(counts.writes_by_collection.items())},
    }


def _cloud_run_per_booking(requests: list[dict[str, Any]], n: float) -> dict[str, Any]:
    paths = sorted({r["path"] for r in requests})
    return {
        "requests": len(requests) / n,
        "request_wall_ms": sum(r["wall_ms"] for r in requests) / n,
        "request_cpu_ms": sum(r["cpu_ms"] for r in requests) / n,
        "requests_by_path": {p: sum(1 for r in requests if r["path"] == p) / n for p in paths},
        "wall_ms_by_path": {p: sum(r["wall_ms"] for r in requests if r["path"] == p) / n for p in paths},
    }


def _billed_size(size: int) -> int:
    """Pub/Sub bills at least 1000 bytes per publish and per delivery (one message each here)."""
    return max(MINIMUM_BILLED_BYTES, size)


def _size(message: Any) -> int:
    from bench.billable_counters import TIMESTAMP_AND_ID_BYTES

    attributes = sum(len(k.encode()) + len(v.encode()) for k, v in message.attributes.items())
    return len(message.data) + attributes + len(message.ordering_key.encode()) + TIMESTAMP_AND_ID_BYTES


def _push_body(message: Any, subscription: str) -> dict[str, Any]:
    return {
        "message": {
            "data": base64.b64encode(message.data).decode("ascii"),
            "attributes": dict(message.attributes),
            "messageId": message.message_id,
            "publishTime": message.publish_time.isoformat().replace("+00:00", "Z"),
            **({"orderingKey": message.ordering_key} if message.ordering_key else {}),
        },
        "subscription": subscription,
    }


def _iso(hour: datetime) -> str:
    return hour.strftime("%Y-%m-%dT%H:%M:%SZ")


if __name__ == "__main__":
    result = _run(int(sys.argv[2]))
    Path(sys.argv[1]).write_text(json.dumps(result, indent=1) + "\n")
