"""``sagas`` on the real Firestore emulator: every pending booking with its age, deadline and the
answers it waits for, overdue ones marked (and alone with ``--overdue``); settled bookings are
not listed; no emulator is one line and exit 2. Each test has its own project (no leftovers)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner

from ops.cli import main
from ops.local_stack.emulators import RunningEmulators
from ops.sagas.pending_saga_table import duration_text
from pipeline_kit.firestore.optimistic_unit_of_work import run_unit_of_work
from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.trainings.adapters.firestore_training_repository import FirestoreTrainingRepository
from wild_workouts.trainings.domain.training import Training

pytestmark = pytest.mark.integration


def _store(project: str, *trainings: Training) -> None:
    from google.cloud import firestore

    def work(attempt: Any) -> None:
        for training in trainings:
            FirestoreTrainingRepository(attempt).save(training)

    run_unit_of_work(firestore.Client(project=project), work)


def _requested(training_id: str, ago: timedelta) -> Training:
    now = datetime.now(UTC)
    hour = (now + timedelta(days=3)).replace(hour=14, minute=0, second=0, microsecond=0)
    training, _ = Training.request(training_id, f"user-{training_id}", "U", hour, "", now - ago, timedelta(minutes=5))
    return training


def _rows(output: str) -> dict[str, list[str]]:
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in output.splitlines() if line.count("│") > 5]
    return {row[0]: row[1:] for row in rows if row and row[0] != "training"}


def test_sagas_lists_each_pending_booking_with_its_age_deadline_and_missing_answers(
    emulators: RunningEmulators, unique: str
) -> None:
    project = f"ops-sagas-{unique}"
    stuck = _requested("stuck", timedelta(minutes=7))
    stuck.record_hour_reserved(stuck.hour)
    fresh = _requested("fresh", timedelta(seconds=30))
    settled = _requested("settled", timedelta(minutes=1))
    settled.record_balance_debit_rejected("no balance", RejectionCode.INSUFFICIENT_BALANCE)
    _store(project, stuck, fresh, settled)

    result = CliRunner().invoke(main, ["sagas", "--project", project])

    assert result.exit_code == 0, result.output
    assert "2 pending saga(s), 1 overdue" in result.stdout
    rows = _rows(result.stdout)
    assert list(rows) == ["stuck", "fresh"]  # oldest first; the settled booking is not pending
    user, hour, age, deadline, missing = rows["stuck"]
    assert (user, hour) == ("user-stuck", stuck.hour.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert age.startswith("7m ") and deadline.startswith("OVERDUE by 2m ")
    assert missing == "balance debit"
    assert rows["fresh"][2].endswith("s") and rows["fresh"][3].startswith("in 4m ")
    assert rows["fresh"][4] == "hour reservation, balance debit"

    overdue = CliRunner().invoke(main, ["sagas", "--project", project, "--overdue"])
    assert overdue.exit_code == 0, overdue.output
    assert list(_rows(overdue.stdout)) == ["stuck"]


def test_no_pending_saga_is_said_in_one_line(emulators: RunningEmulators, unique: str) -> None:
    result = CliRunner().invoke(main, ["sagas", "--project", f"ops-sagas-{unique}"])

    assert (result.exit_code, result.stdout) == (0, f"no pending sagas in project ops-sagas-{unique}\n")


def test_no_firestore_emulator_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", f"127.0.0.1:{port}")

    result = CliRunner().invoke(main, ["sagas", "--project", "p"])

    assert result.exit_code == 2
    assert result.stderr.startswith("no emulator reachable at 127.0.0.1:") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0s"), (59.9, "59s"), (65, "1m 05s"), (3600 + 120, "1h 02m"), (-3, "0s")]
)
def test_durations_read_at_a_glance(seconds: float, text: str) -> None:
    assert duration_text(timedelta(seconds=seconds)) == text
