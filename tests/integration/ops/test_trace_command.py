"""``trace`` on the real Firestore emulator: outbox records and processed markers of a scheduling
saga come out as one ordered timeline. (Deliveries read from a real functions log are tested on
a real stack run: tests/e2e/app/test_saga_flows.py; the log parser alone in tests/unit/ops.)"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from google.cloud import firestore

from ops.cli import main
from ops.local_stack.emulators import RunningEmulators

pytestmark = pytest.mark.integration

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def at(milliseconds: int) -> datetime:
    return T0 + timedelta(milliseconds=milliseconds)


def store_saga(client: firestore.Client, correlation_id: str, unique: str) -> None:
    """TrainingScheduleRequested → HourReserved → TrainingScheduled, each committed, published, applied."""
    saga = [
        ("TrainingScheduleRequested", "trainings-events", 0, ["trainer-on-trainings", "users-on-trainings"]),
        ("HourReserved", "trainer-events", 400, ["trainings-on-trainer"]),
        ("TrainingScheduled", "trainings-events", 800, ["attendee-trainings"]),
    ]
    for event_type, topic, start, consumers in saga:
        event_id = f"{event_type}-{unique}"
        client.collection("outbox").document(event_id).set(
            {
                "event_id": event_id,
                "event_type": event_type,
                "topic": topic,
                "correlation_id": correlation_id,
                "created_at": at(start),
                "sent": True,
                "sent_at": at(start + 20),
            }
        )
        for offset, consumer in enumerate(consumers):
            client.collection("processed_events").document(f"{consumer}__{event_id}").set(
                {
                    "consumer": consumer,
                    "event_id": event_id,
                    "event_type": event_type,
                    "correlation_id": correlation_id,
                    "processed_at": at(start + 200 + offset * 10),
                }
            )


def test_trace_shows_every_hop_of_a_scheduling_saga_in_order(
    emulators: RunningEmulators, unique: str, tmp_path: Path
) -> None:
    correlation_id = f"corr-{unique}"
    project = os.environ["GOOGLE_CLOUD_PROJECT"]
    store_saga(firestore.Client(project=project), correlation_id, unique)
    empty_log = tmp_path / "functions.log"
    empty_log.write_text("")

    result = CliRunner().invoke(main, ["trace", correlation_id, "--project", project, "--log-file", str(empty_log)])

    assert result.exit_code == 0, result.output
    rows = [line.split("│")[1:4] for line in result.stdout.splitlines() if line.count("│") > 5]
    hops = [(offset.strip(), kind.strip(), where.strip()) for offset, kind, where in rows]
    assert hops == [
        ("0", "committed", "trainings-events"),
        ("20", "published", "trainings-events"),
        ("200", "applied", "trainer-on-trainings"),
        ("210", "applied", "users-on-trainings"),
        ("400", "committed", "trainer-events"),
        ("420", "published", "trainer-events"),
        ("600", "applied", "trainings-on-trainer"),
        ("800", "committed", "trainings-events"),
        ("820", "published", "trainings-events"),
        ("1000", "applied", "attendee-trainings"),
    ]


def test_an_unknown_correlation_id_is_one_line_and_exit_2(emulators: RunningEmulators, unique: str) -> None:
    result = CliRunner().invoke(main, ["trace", f"nobody-{unique}", "--project", os.environ["GOOGLE_CLOUD_PROJECT"]])

    assert result.exit_code == 2
    assert result.stderr.strip() == f"nothing recorded for correlation id nobody-{unique} in project wild-workouts-test"
