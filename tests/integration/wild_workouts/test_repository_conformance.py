"""One repository test suite, run against the in-memory fakes AND the Firestore adapters on the
real emulator: the fakes the unit tests rely on must behave like the real repositories and read
models (the calendar's and the attendee trainings' reader and writer ports)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

import pytest

from pipeline_kit.firestore.optimistic_unit_of_work import run_unit_of_work
from tests.unit.wild_workouts.fakes import (
    FakeAttendeeTrainingsReadModel,
    FakeCalendarReadModel,
    FakeTrainerUnitOfWork,
    FakeTrainingsUnitOfWork,
    FakeUsersUnitOfWork,
    TrainerStore,
    TrainingsStore,
    UsersStore,
)
from wild_workouts.shared_kernel.event_stamp import EventStamp
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainer.adapters.firestore_calendar_read_model import (
    FirestoreCalendarReader,
    FirestoreCalendarWriter,
)
from wild_workouts.trainer.adapters.firestore_hour_repository import FirestoreHourRepository
from wild_workouts.trainer.adapters.firestore_training_reservations_repository import (
    FirestoreTrainingReservationsRepository,
)
from wild_workouts.trainer.app.calendar_read_model import CalendarReader, CalendarWriter
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.training_reservations import TrainingReservations
from wild_workouts.trainings.adapters.firestore_attendee_trainings_read_model import (
    FirestoreAttendeeTrainingsReader,
    FirestoreAttendeeTrainingsWriter,
)
from wild_workouts.trainings.adapters.firestore_training_repository import FirestoreTrainingRepository
from wild_workouts.trainings.app.attendee_trainings_read_model import (
    AttendeeTrainingsReader,
    AttendeeTrainingsWriter,
    TrainingView,
    ViewStamps,
)
from wild_workouts.trainings.domain.reschedule_state import PendingReschedule, RescheduleProposal
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.domain.training_status import TrainingStatus
from wild_workouts.users.adapters.firestore_account_repository import FirestoreAccountRepository
from wild_workouts.users.adapters.firestore_grant_request_repository import FirestoreGrantRequestRepository
from wild_workouts.users.adapters.firestore_ledger_repository import FirestoreLedgerRepository
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.grant_request import GrantRequest
from wild_workouts.users.domain.ledger_entry import LedgerEntry, LedgerState

pytestmark = pytest.mark.integration
T = TypeVar("T")
P = TypeVar("P")


@dataclass
class Repositories:
    hours: Any
    reservations: Any
    accounts: Any
    ledger: Any
    trainings: Any
    grant_requests: Any


class World(Generic[P]):
    """Runs ``fn(ports)`` as one unit of work (``write``) or a read in one (``read``); ``ports``
    are what ``make`` builds on the unit of work's handle (repositories, a read model's writer)."""

    def __init__(self, make: Callable[[Any], P], run: Callable[[Callable[[Any], Any]], Any]) -> None:
        self._make = make
        self._run = run

    def write(self, fn: Callable[[P], None]) -> None:
        self._run(lambda handle: fn(self._make(handle)))

    def read(self, fn: Callable[[P], T]) -> T:
        result: list[T] = []
        self._run(lambda handle: result.append(fn(self._make(handle))))
        return result[-1]


def _fake_world() -> World[Repositories]:
    """The fakes' own units of work (snapshot, kept on commit only) over one store per module."""
    trainer, users, trainings = TrainerStore(), UsersStore(), TrainingsStore()

    def run(fn: Callable[[Any], Any]) -> Any:
        units = FakeTrainerUnitOfWork(trainer), FakeUsersUnitOfWork(users), FakeTrainingsUnitOfWork(trainings)
        result = fn(units)
        for unit in units:
            unit.commit()
        return result

    def make(units: tuple[FakeTrainerUnitOfWork, FakeUsersUnitOfWork, FakeTrainingsUnitOfWork]) -> Repositories:
        trainer_unit, users_unit, trainings_unit = units
        return Repositories(
            trainer_unit.hours,
            trainer_unit.reservations,
            users_unit.accounts,
            users_unit.ledger,
            trainings_unit.trainings,
            users_unit.grant_requests,
        )

    return World(make, run)


def _firestore_world() -> World[Repositories]:
    from google.cloud import firestore

    client = firestore.Client(project="wild-workouts-test")

    def make(attempt: Any) -> Repositories:
        return Repositories(
            FirestoreHourRepository(attempt),
            FirestoreTrainingReservationsRepository(attempt),
            FirestoreAccountRepository(attempt),
            FirestoreLedgerRepository(attempt),
            FirestoreTrainingRepository(attempt),
            FirestoreGrantRequestRepository(attempt),
        )

    return World(make, lambda fn: run_unit_of_work(client, fn))


@pytest.fixture(params=["fake", "firestore"])
def world(request: pytest.FixtureRequest) -> Iterator[World[Repositories]]:
    if request.param == "firestore":
        request.getfixturevalue("emulators")
        yield _firestore_world()
    else:
        yield _fake_world()


def _hour(days: int, hour: int) -> datetime:
    base = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=days)
    return base.replace(hour=hour)


def _unique_hour() -> datetime:
    import random

    return _hour(random.randint(3, 2000), random.randint(12, 20))


def test_missing_aggregates_are_none(world: World[Repositories], unique: str) -> None:
    assert world.read(lambda r: r.hours.get(_unique_hour())) is None
    assert world.read(lambda r: r.reservations.get(f"t-{unique}")) is None
    assert world.read(lambda r: r.accounts.get(f"u-{unique}")) is None
    assert world.read(lambda r: r.ledger.get(f"u-{unique}", f"t-{unique}")) is None
    assert world.read(lambda r: r.trainings.get(f"t-{unique}")) is None


def test_hour_round_trip_and_overwrite(world: World[Repositories], unique: str) -> None:
    time = _unique_hour()
    world.write(lambda r: r.hours.save(Hour.restore(time, Availability.TRAINING_SCHEDULED, f"t-{unique}")))
    assert world.read(lambda r: r.hours.get(time)) == Hour.restore(time, Availability.TRAINING_SCHEDULED, f"t-{unique}")
    world.write(lambda r: r.hours.save(Hour.restore(time, Availability.AVAILABLE, None)))
    assert world.read(lambda r: r.hours.get(time)) == Hour.restore(time, Availability.AVAILABLE, None)


def test_training_reservations_round_trip(world: World[Repositories], unique: str) -> None:
    held = [_hour(3, 13), _hour(4, 14)]
    stored = TrainingReservations.restore(f"t-{unique}", held, False, {"schedule": None, "reschedule-1": "taken"})
    world.write(lambda r: r.reservations.save(stored))
    assert world.read(lambda r: r.reservations.get(f"t-{unique}")) == stored
    closed = TrainingReservations.restore(f"t-{unique}", [], True, {"schedule": None})
    world.write(lambda r: r.reservations.save(closed))
    assert world.read(lambda r: r.reservations.get(f"t-{unique}")) == closed


def test_account_and_ledger_round_trip(world: World[Repositories], unique: str) -> None:
    world.write(lambda r: r.accounts.save(Account.restore(f"u-{unique}", 3)))
    assert world.read(lambda r: r.accounts.get(f"u-{unique}")) == Account.restore(f"u-{unique}", 3)
    entry = LedgerEntry.restore(f"u-{unique}", f"t-{unique}", LedgerState.REFUNDED, 1, None)
    other = LedgerEntry.restore(f"u-{unique}", f"t2-{unique}", LedgerState.DEBIT_REJECTED, 0, "balance is 0")

    def save_both(r: Repositories) -> None:
        r.ledger.save(entry)
        r.ledger.save(other)

    world.write(save_both)
    assert world.read(lambda r: r.ledger.get(f"u-{unique}", f"t-{unique}")) == entry
    assert world.read(lambda r: r.ledger.get(f"u-{unique}", f"t2-{unique}")) == other


@pytest.mark.parametrize("shape", ["pending_with_proposal", "canceled_by_trainer"])
def test_training_round_trip(world: World[Repositories], unique: str, shape: str) -> None:
    hour, new_hour = _hour(5, 13), _hour(6, 15)
    common: dict[str, Any] = {
        "training_id": f"t-{unique}",
        "user_id": "alice",
        "user_name": "Alice",
        "hour": hour,
        "notes": "legs day",
        "hour_reserved": True,
        "balance_debited": True,
        "rejection_reason": None,
        "reschedule_count": 1,
        "last_reschedule_failure": "hour taken",
    }
    if shape == "pending_with_proposal":
        training = Training.restore(
            **common,
            status=TrainingStatus.SCHEDULED,
            canceled_by=None,
            refund=None,
            proposal=RescheduleProposal(new_hour, Role.ATTENDEE),
            pending_reschedule=PendingReschedule(new_hour, 2, Role.TRAINER),
        )
    else:
        training = Training.restore(
            **common,
            status=TrainingStatus.CANCELED,
            canceled_by=Role.TRAINER,
            refund=2,
            proposal=None,
            pending_reschedule=None,
        )
    world.write(lambda r: r.trainings.save(training))
    assert world.read(lambda r: r.trainings.get(f"t-{unique}")) == training


class Abandoned(Exception):
    """Raised inside a unit of work: it must leave nothing behind."""


def test_a_unit_of_work_that_raises_keeps_nothing(world: World[Repositories], unique: str) -> None:
    time = _unique_hour()

    def write_then_fail(r: Repositories) -> None:
        r.hours.save(Hour.restore(time, Availability.AVAILABLE, None))
        r.accounts.save(Account.restore(f"u-{unique}", 5))
        r.trainings.save(Training.request(f"t-{unique}", "alice", "Alice", _hour(5, 13), "", datetime.now(UTC))[0])
        raise Abandoned

    with pytest.raises(Abandoned):
        world.write(write_then_fail)
    assert world.read(lambda r: r.hours.get(time)) is None
    assert world.read(lambda r: r.accounts.get(f"u-{unique}")) is None
    assert world.read(lambda r: r.trainings.get(f"t-{unique}")) is None


def test_a_read_is_detached_from_what_is_stored(world: World[Repositories], unique: str) -> None:
    """Changing what ``get`` returned changes nothing until it is saved."""
    world.write(lambda r: r.accounts.save(Account.restore(f"u-{unique}", 3)))

    def change_without_saving(r: Repositories) -> None:
        account = r.accounts.get(f"u-{unique}")
        assert account is not None
        account.grant(2)

    world.write(change_without_saving)
    assert world.read(lambda r: r.accounts.get(f"u-{unique}")) == Account.restore(f"u-{unique}", 3)


def test_grant_request_round_trip(world: World[Repositories], unique: str) -> None:
    request = GrantRequest(f"r-{unique}", "admin-1", f"u-{unique}", 3, 7, "corr-1")
    assert world.read(lambda r: r.grant_requests.get(request.request_id)) is None
    world.write(lambda r: r.grant_requests.save(request))
    assert world.read(lambda r: r.grant_requests.get(request.request_id)) == request


# --- read models: each port's writer inside a unit of work, its reader outside ---------------


@dataclass
class ReadModels:
    """Each read model's writer inside a unit of work (``World``), its reader outside."""

    calendar_writes: World[CalendarWriter]
    calendar: CalendarReader
    views_writes: World[AttendeeTrainingsWriter]
    views: AttendeeTrainingsReader


def _fake_read_models() -> ReadModels:
    calendar, views = FakeCalendarReadModel(), FakeAttendeeTrainingsReadModel()

    def run(fn: Callable[[Any], Any]) -> Any:
        return fn(None)  # the fakes apply each write at once

    return ReadModels(World(lambda _: calendar, run), calendar, World(lambda _: views, run), views)


def _firestore_read_models() -> ReadModels:
    from google.cloud import firestore

    client = firestore.Client(project="wild-workouts-test")

    def run(fn: Callable[[Any], Any]) -> Any:
        return run_unit_of_work(client, fn)

    return ReadModels(
        World(FirestoreCalendarWriter, run),
        FirestoreCalendarReader(client),
        World(FirestoreAttendeeTrainingsWriter, run),
        FirestoreAttendeeTrainingsReader(client),
    )


@pytest.fixture(params=["fake", "firestore"])
def read_models(request: pytest.FixtureRequest) -> Iterator[ReadModels]:
    if request.param == "firestore":
        request.getfixturevalue("emulators")
        yield _firestore_read_models()
    else:
        yield _fake_read_models()


def _fresh_hours(count: int) -> list[datetime]:
    import random

    start = datetime(2091, 1, 1, tzinfo=UTC) + timedelta(hours=random.randrange(500_000))
    return [start + timedelta(hours=number) for number in range(count)]


def test_calendar_reads_back_what_was_written_in_a_half_open_range(read_models: ReadModels) -> None:
    first, second, third, unset = _fresh_hours(4)

    def write(calendar: CalendarWriter) -> None:
        calendar.set_availability(first, Availability.AVAILABLE, 1)
        calendar.set_availability(second, Availability.TRAINING_SCHEDULED, 2)
        calendar.set_availability(third, Availability.NOT_AVAILABLE, 3)

    read_models.calendar_writes.write(write)
    found = read_models.calendar.availability_between(first, third)  # third is the end: excluded
    assert found == {first: Availability.AVAILABLE, second: Availability.TRAINING_SCHEDULED}
    assert all(hour.utcoffset() == timedelta(0) for hour in found)
    assert read_models.calendar.availability_between(unset, unset + timedelta(hours=1)) == {}


def test_calendar_keeps_the_greatest_version_then_rank(read_models: ReadModels) -> None:
    hour, tie = _fresh_hours(2)
    for availability, version in [
        (Availability.TRAINING_SCHEDULED, 4),
        (Availability.AVAILABLE, 3),  # older: ignored
        (Availability.AVAILABLE, 4),  # same version, lower rank: ignored
        (Availability.NOT_AVAILABLE, 5),  # newer: wins
    ]:
        read_models.calendar_writes.write(lambda calendar: calendar.set_availability(hour, availability, version))  # noqa: B023
    for availability in (Availability.AVAILABLE, Availability.NOT_AVAILABLE):  # version 0: the rank decides
        read_models.calendar_writes.write(lambda calendar: calendar.set_availability(tie, availability, 0))  # noqa: B023
    found = read_models.calendar.availability_between(hour, tie + timedelta(hours=1))
    assert found == {hour: Availability.NOT_AVAILABLE, tie: Availability.AVAILABLE}


def _view(training_id: str, user_id: str, **changes: Any) -> TrainingView:
    stamp = EventStamp(datetime(2026, 12, 1, 9, 30, 0, 123456, tzinfo=UTC), f"e-{training_id}")
    fields: dict[str, Any] = {
        "training_id": training_id,
        "user_id": user_id,
        "user_name": user_id.title(),
        "hour": _hour(5, 13),
        "notes": "legs day",
        "status": "pending",
        "stamps": ViewStamps(status=stamp, hour=stamp),
    }
    return TrainingView(**{**fields, **changes})


def test_attendee_views_written_are_read_by_writer_and_reader(read_models: ReadModels, unique: str) -> None:
    view = _view(f"t-{unique}", f"u-{unique}")
    assert read_models.views_writes.read(lambda views: views.get(view.training_id)) is None
    assert read_models.views.get(view.training_id) is None
    read_models.views_writes.write(lambda views: views.put(view))
    assert read_models.views_writes.read(lambda views: views.get(view.training_id)) == view
    assert read_models.views.get(view.training_id) == view
    stamp = EventStamp(datetime(2026, 12, 2, 8, 0, tzinfo=UTC), "e-later")
    canceled = _view(
        view.training_id,
        view.user_id,
        status="canceled",
        refund=1,
        proposed_hour=_hour(6, 15),
        proposed_by="trainer",
        last_reschedule_failure="hour taken",
        last_reschedule_failure_code="hour_not_available",
        stamps=ViewStamps(status=stamp, hour=view.stamps.hour, proposal=stamp, reschedule_failure=stamp),
    )
    read_models.views_writes.write(lambda views: views.put(canceled))  # an overwrite
    assert read_models.views.get(view.training_id) == canceled


def by_id(views: Any) -> dict[str, TrainingView]:
    return {view.training_id: view for view in views}


def test_attendee_views_are_listed_per_user_and_all(read_models: ReadModels, unique: str) -> None:
    alice, bob = f"alice-{unique}", f"bob-{unique}"
    written = [_view(f"t1-{unique}", alice), _view(f"t2-{unique}", alice), _view(f"t3-{unique}", bob)]

    def put_all(views: AttendeeTrainingsWriter) -> None:
        for view in written:
            views.put(view)

    read_models.views_writes.write(put_all)
    assert by_id(read_models.views.list_for_user(alice)) == by_id(written[:2])
    assert by_id(read_models.views.list_for_user(bob)) == by_id(written[2:])
    assert read_models.views.list_for_user(f"nobody-{unique}") == []
    everyone = by_id(read_models.views.list_all())
    assert {key: everyone.get(key) for key in by_id(written)} == by_id(written)
