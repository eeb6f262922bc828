"""The trainings and users Firestore adapters the API uses: what is saved reads back equal."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt, run_unit_of_work
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.adapters.firestore_attendee_trainings_read_model import (
    FirestoreAttendeeTrainingsReader,
    FirestoreAttendeeTrainingsWriter,
)
from wild_workouts.trainings.adapters.firestore_training_repository import FirestoreTrainingRepository
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.domain.reschedule_state import PendingReschedule, RescheduleProposal
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.domain.training_status import TrainingStatus
from wild_workouts.users.adapters.firestore_account_repository import FirestoreAccountRepository
from wild_workouts.users.adapters.firestore_ledger_repository import FirestoreLedgerRepository
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.ledger_entry import LedgerEntry, LedgerState

pytestmark = pytest.mark.integration
HOUR = datetime(2026, 12, 5, 13, tzinfo=UTC)


@pytest.fixture
def client(emulators: RunningEmulators) -> Any:
    from google.cloud import firestore

    return firestore.Client(project="wild-workouts-test")


def test_a_training_with_reschedule_state_round_trips(client: Any, unique: str) -> None:
    training = Training.restore(
        training_id=f"t-{unique}",
        user_id="a1",
        user_name="Ann",
        hour=HOUR,
        notes="legs",
        status=TrainingStatus.SCHEDULED,
        hour_reserved=True,
        balance_debited=True,
        rejection_reason=None,
        canceled_by=None,
        refund=None,
        proposal=RescheduleProposal(datetime(2026, 12, 6, 14, tzinfo=UTC), Role.TRAINER),
        pending_reschedule=PendingReschedule(datetime(2026, 12, 7, 15, tzinfo=UTC), 2, Role.ATTENDEE),
        reschedule_count=1,
        last_reschedule_failure="hour_not_available",
    )

    def save(attempt: UnitOfWorkAttempt) -> None:
        FirestoreTrainingRepository(attempt).save(training)

    run_unit_of_work(client, save)
    read = FirestoreTrainingRepository(UnitOfWorkAttempt(client, None, check_marker=False)).get(training.training_id)
    assert read == training


def test_attendee_views_are_listed_per_user_and_all(client: Any, unique: str) -> None:
    views = [
        TrainingView(f"v1-{unique}", f"u-{unique}", "Ann", HOUR, "", "pending"),
        TrainingView(
            f"v2-{unique}",
            f"w-{unique}",
            "Wes",
            HOUR,
            "n",
            "canceled",
            refund=2,
            proposed_hour=datetime(2026, 12, 6, 14, tzinfo=UTC),
            proposed_by="trainer",
        ),
    ]

    def put(attempt: UnitOfWorkAttempt) -> None:
        writer = FirestoreAttendeeTrainingsWriter(attempt)
        for view in views:
            writer.put(view)

    run_unit_of_work(client, put)
    reader = FirestoreAttendeeTrainingsReader(client)
    assert list(reader.list_for_user(f"w-{unique}")) == [views[1]]
    assert {view.training_id for view in reader.list_all()} >= {view.training_id for view in views}
    assert reader.get(f"v1-{unique}") == views[0]


def test_accounts_and_ledger_entries_round_trip(client: Any, unique: str) -> None:
    account = Account.restore(f"u-{unique}", 4)
    entry = LedgerEntry.restore(f"u-{unique}", "t-1", LedgerState.REFUNDED, 2, None)

    def save(attempt: UnitOfWorkAttempt) -> None:
        FirestoreAccountRepository(attempt).save(account)
        FirestoreLedgerRepository(attempt).save(entry)

    run_unit_of_work(client, save)
    attempt = UnitOfWorkAttempt(client, None, check_marker=False)
    assert FirestoreAccountRepository(attempt).get(account.user_id) == account
    assert FirestoreLedgerRepository(attempt).get(entry.user_id, "t-1") == entry
    assert FirestoreLedgerRepository(attempt).get(entry.user_id, "t-2") is None
