"""Every Wild Workouts flow end to end (HTTP → Firestore + outbox → Pub/Sub push → Firestore),
with injected duplicate and out-of-order deliveries, and the invariants of domain.md at the end."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ops.demo.api_client import ApiClient
from ops.demo.dev_tokens import mint
from ops.demo.invariants import invariant_violations
from ops.demo.scenario import demo_hours, hour_within_a_day, iso
from ops.demo.waiting import wait_for
from ops.local_stack.stack import LocalStack

pytestmark = pytest.mark.e2e
_days = itertools.count(10)  # each test uses its own calendar days (the stack is shared by the module)


@dataclass
class Gym:
    stack: LocalStack
    client: Any
    admin: ApiClient
    trainer: ApiClient
    granted: dict[str, int]

    def attendee(self, user_id: str, balance: int) -> ApiClient:
        if balance:
            assert self.admin.call("POST", f"/users/{user_id}/grants", {"amount": balance}).status == 200
        self.granted[user_id] = self.granted.get(user_id, 0) + balance
        return ApiClient(self.stack.functions_url, mint(user_id, "attendee", user_id.title()))

    def open(self, *hours: datetime) -> None:
        response = self.trainer.call("PUT", "/trainer/hours/available", {"hours": [iso(h) for h in hours]})
        assert response.status == 204, response.body

    def final(self, api: ApiClient, training_id: str) -> dict[str, Any]:
        def probe() -> dict[str, Any] | None:
            body = api.call("GET", f"/trainings/{training_id}").body
            final = isinstance(body, dict) and body.get("status") in ("scheduled", "rejected", "canceled")
            return body if final and not body.get("pending_reschedule") else None

        body = wait_for(probe, timeout=30)
        assert body is not None, f"training {training_id} did not reach a final state"
        return body

    def book(self, api: ApiClient, hour: datetime) -> str:
        response = api.call("POST", "/trainings", {"hour": iso(hour), "notes": "e2e"})
        assert response.status == 202, response.body
        return str(response.body["training_id"])

    def hour_doc(self, hour: datetime) -> dict[str, Any]:
        return self.client.collection("trainer_hours").document(iso(hour)).get().to_dict() or {}

    def assert_invariants(self, training_ids: list[str]) -> None:
        violations: list[str] = []

        def hold() -> bool:
            violations[:] = invariant_violations(self.client, self.granted, training_ids)
            return not violations

        assert wait_for(hold, timeout=30), violations


@pytest.fixture(scope="module")
def gym(stack: LocalStack) -> Iterator[Gym]:
    from google.cloud import firestore

    url = stack.functions_url
    yield Gym(
        stack,
        firestore.Client(project=stack.settings.project),
        ApiClient(url, mint("admin-e2e", "admin", "Admin")),
        ApiClient(url, mint("trainer-e2e", "trainer", "Trainer")),
        {},
    )


def _duplicate_lines(log: Path) -> int:
    return sum(1 for line in log.read_text().splitlines() if '"outcome":"duplicate"' in line)


def _hours(count: int) -> list[datetime]:
    return demo_hours(datetime.now(UTC), count, days_ahead=next(_days))


def test_booking_without_balance_is_rejected_and_the_hour_compensated(gym: Gym) -> None:
    (hour,) = _hours(1)
    gym.open(hour)
    broke = gym.attendee("broke-e2e", 0)
    training_id = gym.book(broke, hour)
    final = gym.final(broke, training_id)
    assert final["status"] == "rejected" and "balance" in str(final["rejection_reason"])
    assert wait_for(lambda: gym.hour_doc(hour).get("availability") == "available", timeout=30)
    gym.assert_invariants([training_id])


def test_cancel_refunds_follow_the_24_hour_rule(gym: Gym) -> None:
    early_hour, late_hour = _hours(1)[0], hour_within_a_day(datetime.now(UTC))
    gym.open(early_hour, late_hour)
    carol = gym.attendee("carol-e2e", 3)
    early = gym.book(carol, early_hour)
    late = gym.book(carol, late_hour)
    assert gym.final(carol, early)["status"] == gym.final(carol, late)["status"] == "scheduled"
    early_cancel = carol.call("POST", f"/trainings/{early}/cancel")
    assert early_cancel.status == 202 and early_cancel.body["refund"] == 1
    trainer_cancel = gym.trainer.call("POST", f"/trainings/{late}/cancel")
    assert trainer_cancel.status == 202 and trainer_cancel.body["refund"] == 2  # late, by the trainer: refund + fine
    assert gym.final(carol, early)["status"] == gym.final(carol, late)["status"] == "canceled"

    def balance() -> object:
        return (gym.admin.call("GET", "/users/carol-e2e/balance").body or {}).get("balance")

    assert wait_for(lambda: balance() == 3 - 2 + 1 + 2, timeout=30), balance()
    gym.assert_invariants([early, late])


def test_direct_reschedule_moves_or_keeps_the_old_time_with_a_reason(gym: Gym) -> None:
    old, new, closed = _hours(3)
    gym.open(old, new)  # `closed` is never opened
    dave = gym.attendee("dave-e2e", 1)
    training_id = gym.book(dave, old)
    assert gym.final(dave, training_id)["status"] == "scheduled"
    refused = dave.call("POST", f"/trainings/{training_id}/reschedule", {"hour": iso(closed)})
    assert refused.status == 202
    kept = wait_for(lambda: (dave.call("GET", f"/trainings/{training_id}").body or {}).get("last_reschedule_failure"))
    assert kept, "the requester sees why the reschedule failed"
    assert gym.final(dave, training_id)["hour"] == iso(old)
    moved = dave.call("POST", f"/trainings/{training_id}/reschedule", {"hour": iso(new)})
    assert moved.status == 202
    assert wait_for(lambda: gym.final(dave, training_id)["hour"] == iso(new), timeout=30)
    assert wait_for(lambda: gym.hour_doc(old).get("availability") == "available", timeout=30)
    gym.assert_invariants([training_id])


def test_reschedule_proposals_only_the_other_side_approves(gym: Gym) -> None:
    old, proposed = _hours(2)
    gym.open(old, proposed)
    erin = gym.attendee("erin-e2e", 1)
    training_id = gym.book(erin, old)
    assert gym.final(erin, training_id)["status"] == "scheduled"
    path = f"/trainings/{training_id}/reschedule-proposals"
    assert gym.trainer.call("POST", path, {"hour": iso(proposed)}).status == 202
    assert gym.trainer.call("POST", f"{path}/approve").status == 409  # the proposer cannot approve
    assert erin.call("POST", f"{path}/reject").status == 202
    assert gym.final(erin, training_id)["hour"] == iso(old)
    assert erin.call("POST", path, {"hour": iso(proposed)}).status == 202
    assert gym.trainer.call("POST", f"{path}/approve").status == 202
    assert wait_for(lambda: gym.final(erin, training_id)["hour"] == iso(proposed), timeout=30)
    gym.assert_invariants([training_id])


def test_duplicated_and_reordered_saga_messages_change_nothing(gym: Gym) -> None:
    from pipeline_kit.pubsub.publisher import publish

    hours = _hours(2)
    gym.open(*hours)
    frank, grace = gym.attendee("frank-e2e", 1), gym.attendee("grace-e2e", 1)
    scheduled = gym.book(frank, hours[0])
    rejected_booking = gym.book(grace, hours[0])  # conflict: rejected, Grace's debit credited back
    assert {gym.final(frank, scheduled)["status"], gym.final(grace, rejected_booking)["status"]} == {
        "scheduled",
        "rejected",
    }
    gym.assert_invariants([scheduled, rejected_booking])
    log = gym.stack.log_dir / "functions.log"
    duplicates_before = _duplicate_lines(log)

    # Every event of both sagas again, newest first (duplicates, out of order): nothing may change.
    # Outbox records are marked sent a little after their publish (deferred, batched): wait for it.
    def sent_saga_events() -> list[dict[str, Any]] | None:
        records = [
            record
            for record in (doc.to_dict() or {} for doc in gym.client.collection("outbox").stream())
            if scheduled in bytes(record["data"]).decode() or rejected_booking in bytes(record["data"]).decode()
        ]
        return records if len(records) >= 8 and all(record.get("sent") for record in records) else None

    events = wait_for(sent_saga_events, timeout=30)
    assert events is not None, "the sagas' outbox records were not all marked sent"
    before = {
        "frank": gym.final(frank, scheduled),
        "grace": gym.final(grace, rejected_booking),
        "hour": gym.hour_doc(hours[0]),
    }
    for record in sorted(events, key=lambda r: r["created_at"], reverse=True):
        publish(record["topic"], bytes(record["data"]), dict(record["attributes"]), "")

    # Every consumer of every republished event must see it again and answer "duplicate".
    def duplicates_seen() -> int | None:
        seen = _duplicate_lines(log) - duplicates_before
        return seen if seen >= len(events) else None

    assert wait_for(duplicates_seen, timeout=30), "the duplicates were not all delivered"
    assert gym.final(frank, scheduled) == before["frank"]
    assert gym.final(grace, rejected_booking) == before["grace"]
    assert gym.hour_doc(hours[0]) == before["hour"]
    gym.assert_invariants([scheduled, rejected_booking])


def test_one_trace_and_one_correlation_follow_a_booking_through_every_hop(gym: Gym) -> None:
    from click.testing import CliRunner
    from google.cloud.firestore_v1.base_query import FieldFilter

    from ops.cli import main

    (hour,) = _hours(1)
    gym.open(hour)
    henry = gym.attendee("henry-e2e", 1)
    response = henry.call("POST", "/trainings", {"hour": iso(hour), "notes": "trace me"})
    training_id = str(response.body["training_id"])
    assert gym.final(henry, training_id)["status"] == "scheduled"
    query = gym.client.collection("outbox").where(filter=FieldFilter("correlation_id", "==", response.correlation_id))

    def all_published() -> list[dict[str, Any]] | None:
        records = [doc.to_dict() or {} for doc in query.stream()]
        types = {r["event_type"] for r in records}
        done = {"TrainingScheduleRequested", "HourReserved", "TrainingBalanceDebited", "TrainingScheduled"} <= types
        return records if done and all(r.get("sent") for r in records) else None

    records = wait_for(all_published, timeout=30)
    assert records is not None
    trace_ids = {record["attributes"]["traceparent"].split("-")[1] for record in records}
    assert len(trace_ids) == 1, "every hop's events carry the request's W3C trace"

    # A corrupted copy of the booking's first event (new event id, empty payload), under the same
    # correlation id: each of its consumers parks it (invalid payload) and says so in the log.
    from pipeline_kit.pubsub.publisher import publish

    (first,) = [r for r in records if r["event_type"] == "TrainingScheduleRequested"]
    corrupted_id = f"corrupted-{uuid.uuid4().hex[:12]}"
    document = json.loads(bytes(first["data"]))
    publish(
        first["topic"],
        json.dumps({**document, "event_id": corrupted_id, "payload": {}}).encode(),
        {**dict(first["attributes"]), "event_id": corrupted_id},
        "",
    )
    log = gym.stack.log_dir / "functions.log"
    parkers = {"trainer-on-trainings", "users-on-trainings"}
    delivered = {  # every consumer that received the booking's events (all handled), by the real log
        "trainer-on-trainings",
        "users-on-trainings",
        "trainings-on-trainer",
        "trainings-on-users",
        "trainer-calendar",
        "attendee-trainings",
    }

    project = gym.stack.settings.project
    command = ["trace", response.correlation_id, "--project", project, "--log-file", str(log)]

    def traced() -> list[dict[str, str]] | None:
        result = CliRunner().invoke(main, command, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        hops = _timeline_rows(result.stdout)
        parked = {row["where"] for row in hops if row["hop"] == "parked"}
        handled = {row["where"] for row in hops if row["hop"] == "delivered" and row["outcome"] == "handled"}
        return hops if parked >= parkers and handled >= delivered else None

    hops = wait_for(traced, timeout=30)
    assert hops is not None, CliRunner().invoke(main, command).stdout
    commands = [row for row in hops if row["hop"] == "command"]
    assert [row["event"] for row in commands] == ["TrainingScheduleRequested"], commands
    offsets = [float(row["+ms"]) for row in hops]
    assert offsets == sorted(offsets), "in time order"
    kinds = [row["hop"] for row in hops]
    for kind in ("committed", "published", "delivered", "applied", "parked"):
        assert kind in kinds, f"no {kind} hop"
    for row in hops:
        if row["hop"] == "delivered":
            assert row["took"].endswith(" ms"), row  # (no attempt: the emulator sends no deliveryAttempt)
    parked_rows = [row for row in hops if row["hop"] == "parked"]
    assert all("InvalidEventPayload" in row["reason"] for row in parked_rows), parked_rows
    assert {row["event id"] for row in parked_rows} == {corrupted_id[:8]}
    # the command's line is written once its commit succeeded: right after the first committed hop
    order = [kinds.index("committed"), kinds.index("command"), kinds.index("delivered")]
    assert order == sorted(order), hops
    real_lines = [line for line in log.read_text().splitlines() if response.correlation_id in line]
    assert len(real_lines) >= len(delivered), "the hops come from the stack's real functions log"


def _timeline_rows(table: str) -> list[dict[str, str]]:
    """The rows of ``ops trace``'s table by column name (rows wrapped by rich continue a cell)."""
    headers = [line for line in table.splitlines() if line.count("┃") >= 10]
    if not headers:
        return []
    names = [cell.strip() for cell in headers[0].split("┃")[1:-1]]
    rows: list[dict[str, str]] = []
    for line in (line for line in table.splitlines() if line.count("│") >= 10):
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if cells[0]:
            rows.append(dict(zip(names, cells, strict=True)))
        elif rows:  # a wrapped continuation of the row above
            for name, cell in zip(names, cells, strict=True):
                if cell:
                    rows[-1][name] = f"{rows[-1][name]} {cell}".strip()
    return rows
