"""In-memory fakes of the ports: clocks, repositories, units of work, read models — the only
fakes of the app's ports (the handler, saga and API unit tests all build on them).

Faithful to the Firestore adapters on purpose, checked by one suite run against both
(``tests/integration/wild_workouts/test_repository_conformance.py``): ``get`` returns a
detached copy or None, ``save`` upserts a copy, nothing persists without ``save``, and a unit
of work sees a snapshot of the store and changes it only on ``commit`` (like an optimistic
transaction: an attempt that is not committed leaves no trace, so a handler can be run again
with a fresh unit of work). The read model fakes apply each write at once: projections are
unit-tested one event at a time, and their reader and writer ports are the same object.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from wild_workouts.adapters_common.handler_injection import handler_parameters
from wild_workouts.adapters_common.push_consumer_declaration import PushConsumerDeclaration
from wild_workouts.contracts.trainer_events import TrainerEvent
from wild_workouts.contracts.trainings_events import TrainingsEvent
from wild_workouts.contracts.users_events import UsersEvent
from wild_workouts.shared_kernel.utc_hour import to_utc
from wild_workouts.trainer.app.calendar_read_model import AVAILABILITY_RANK
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.training_reservations import TrainingReservations
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.domain.training import Training
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.grant_request import GrantRequest
from wild_workouts.users.domain.ledger_entry import LedgerEntry

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = to_utc(now)

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta


class FakeWaitClock:
    """Monotonic time that moves only when slept; ``on_sleep`` runs after each sleep (a test
    settles the saga there, as a consumer would while the API waits)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self.on_sleep: Callable[[int], None] | None = None

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep(len(self.sleeps))


class _Table(Generic[K, V]):
    """Rows stored as deep copies, read as deep copies."""

    def __init__(self, rows: dict[K, V]) -> None:
        self.rows = rows

    def get(self, key: K) -> V | None:
        row = self.rows.get(key)
        return None if row is None else copy.deepcopy(row)

    def put(self, key: K, value: V) -> None:
        self.rows[key] = copy.deepcopy(value)


# --- stores (the committed state of one module) ----------------------------------------


@dataclass
class TrainerStore:
    """The trainer module's committed state. ``outbox`` holds the committed events in order; the
    three stores may share one list (``TrainerStore(outbox=published)``) to see every module's
    events in the order they were committed."""

    hours: dict[datetime, Hour] = field(default_factory=dict)
    reservations: dict[str, TrainingReservations] = field(default_factory=dict)
    outbox: list[TrainerEvent] = field(default_factory=list)


@dataclass
class UsersStore:
    accounts: dict[str, Account] = field(default_factory=dict)
    ledger: dict[tuple[str, str], LedgerEntry] = field(default_factory=dict)
    grant_requests: dict[str, GrantRequest] = field(default_factory=dict)
    outbox: list[UsersEvent] = field(default_factory=list)


@dataclass
class TrainingsStore:
    trainings: dict[str, Training] = field(default_factory=dict)
    outbox: list[TrainingsEvent] = field(default_factory=list)


# --- repositories -----------------------------------------------------------------------


class FakeHourRepository:
    def __init__(self, rows: dict[datetime, Hour]) -> None:
        self._table = _Table(rows)

    def get(self, time: datetime) -> Hour | None:
        return self._table.get(to_utc(time))

    def save(self, hour: Hour) -> None:
        self._table.put(hour.time, hour)


class FakeTrainingReservationsRepository:
    def __init__(self, rows: dict[str, TrainingReservations]) -> None:
        self._table = _Table(rows)

    def get(self, training_id: str) -> TrainingReservations | None:
        return self._table.get(training_id)

    def save(self, reservations: TrainingReservations) -> None:
        self._table.put(reservations.training_id, reservations)


class FakeAccountRepository:
    def __init__(self, rows: dict[str, Account]) -> None:
        self._table = _Table(rows)

    def get(self, user_id: str) -> Account | None:
        return self._table.get(user_id)

    def save(self, account: Account) -> None:
        self._table.put(account.user_id, account)


class FakeLedgerRepository:
    def __init__(self, rows: dict[tuple[str, str], LedgerEntry]) -> None:
        self._table = _Table(rows)

    def get(self, user_id: str, training_id: str) -> LedgerEntry | None:
        return self._table.get((user_id, training_id))

    def save(self, entry: LedgerEntry) -> None:
        self._table.put((entry.user_id, entry.training_id), entry)


class FakeGrantRequestRepository:
    def __init__(self, rows: dict[str, GrantRequest]) -> None:
        self._table = _Table(rows)

    def get(self, request_id: str) -> GrantRequest | None:
        return self._table.get(request_id)

    def save(self, request: GrantRequest) -> None:
        self._table.put(request.request_id, request)


class FakeTrainingRepository:
    def __init__(self, rows: dict[str, Training]) -> None:
        self._table = _Table(rows)

    def get(self, training_id: str) -> Training | None:
        return self._table.get(training_id)

    def save(self, training: Training) -> None:
        self._table.put(training.training_id, training)


# --- units of work ----------------------------------------------------------------------


def _replace(stored: dict[K, V], committed: dict[K, V]) -> None:
    """Commit in place: a reader made over the store's dict (``FakeTrainingRepository(store.trainings)``)
    sees every later commit."""
    stored.clear()
    stored.update(committed)


class FakeTrainerUnitOfWork:
    def __init__(self, store: TrainerStore) -> None:
        self._store = store
        self._hours = copy.deepcopy(store.hours)
        self._reservations = copy.deepcopy(store.reservations)
        self.published: list[TrainerEvent] = []

    @property
    def hours(self) -> FakeHourRepository:
        return FakeHourRepository(self._hours)

    @property
    def reservations(self) -> FakeTrainingReservationsRepository:
        return FakeTrainingReservationsRepository(self._reservations)

    def publish(self, event: TrainerEvent) -> None:
        self.published.append(event)

    def commit(self) -> None:
        _replace(self._store.hours, self._hours)
        _replace(self._store.reservations, self._reservations)
        self._store.outbox.extend(self.published)


class FakeUsersUnitOfWork:
    def __init__(self, store: UsersStore) -> None:
        self._store = store
        self._accounts = copy.deepcopy(store.accounts)
        self._ledger = copy.deepcopy(store.ledger)
        self._grant_requests = copy.deepcopy(store.grant_requests)
        self.published: list[UsersEvent] = []

    @property
    def accounts(self) -> FakeAccountRepository:
        return FakeAccountRepository(self._accounts)

    @property
    def ledger(self) -> FakeLedgerRepository:
        return FakeLedgerRepository(self._ledger)

    @property
    def grant_requests(self) -> FakeGrantRequestRepository:
        return FakeGrantRequestRepository(self._grant_requests)

    def publish(self, event: UsersEvent) -> None:
        self.published.append(event)

    def commit(self) -> None:
        _replace(self._store.accounts, self._accounts)
        _replace(self._store.ledger, self._ledger)
        _replace(self._store.grant_requests, self._grant_requests)
        self._store.outbox.extend(self.published)


class FakeTrainingsUnitOfWork:
    def __init__(self, store: TrainingsStore) -> None:
        self._store = store
        self._trainings = copy.deepcopy(store.trainings)
        self.published: list[TrainingsEvent] = []

    @property
    def trainings(self) -> FakeTrainingRepository:
        return FakeTrainingRepository(self._trainings)

    def publish(self, event: TrainingsEvent) -> None:
        self.published.append(event)

    def commit(self) -> None:
        _replace(self._store.trainings, self._trainings)
        self._store.outbox.extend(self.published)


def run_trainer(store: TrainerStore, work: Callable[[FakeTrainerUnitOfWork], R]) -> R:
    """Run ``work`` in one committed transaction (nothing is kept if it raises)."""
    uow = FakeTrainerUnitOfWork(store)
    result = work(uow)
    uow.commit()
    return result


def run_users(store: UsersStore, work: Callable[[FakeUsersUnitOfWork], R]) -> R:
    uow = FakeUsersUnitOfWork(store)
    result = work(uow)
    uow.commit()
    return result


def run_trainings(store: TrainingsStore, work: Callable[[FakeTrainingsUnitOfWork], R]) -> R:
    uow = FakeTrainingsUnitOfWork(store)
    result = work(uow)
    uow.commit()
    return result


def deliver(handle: Callable[..., R], message: object, **values: Any) -> R:
    """``handle(message, ...)`` given, of ``values``, what it names (as the consumers' injector
    passes by signature): ``deliver(handler, event, uow=uow, clock=clock)`` serves every handler."""
    return handle(message, **{name: values[name] for name in handler_parameters(handle)})


def application_handlers(consumer: PushConsumerDeclaration) -> dict[type[Any], Callable[..., None]]:
    """The consumer's event → application handler table, as its declaration wires it (each
    injected handler wraps one): the unit tests run exactly what production runs."""
    return {event_type: handler.__wrapped__ for event_type, handler in consumer.handlers().items()}  # type: ignore[attr-defined]


# --- read models ------------------------------------------------------------------------


class FakeCalendarReadModel:
    """Keeps, per hour, the entry with the greatest ``(hour_version, rank)`` (the port's order)."""

    def __init__(self) -> None:
        self.entries: dict[datetime, tuple[int, int, Availability]] = {}

    @property
    def rows(self) -> dict[datetime, Availability]:
        return {hour: availability for hour, (_, _, availability) in self.entries.items()}

    def set_availability(self, hour: datetime, availability: Availability, hour_version: int) -> None:
        entry = (hour_version, AVAILABILITY_RANK[availability], availability)
        stored = self.entries.get(to_utc(hour))
        if stored is None or entry[:2] > stored[:2]:
            self.entries[to_utc(hour)] = entry

    def availability_between(self, start: datetime, end: datetime) -> Mapping[datetime, Availability]:
        return {hour: value for hour, value in self.rows.items() if start <= hour < end}


class FakeAttendeeTrainingsReadModel:
    def __init__(self) -> None:
        self.rows: dict[str, TrainingView] = {}

    def get(self, training_id: str) -> TrainingView | None:
        return self.rows.get(training_id)

    def put(self, view: TrainingView) -> None:
        self.rows[view.training_id] = view

    def list_for_user(self, user_id: str) -> Sequence[TrainingView]:
        return [view for view in self.rows.values() if view.user_id == user_id]

    def list_all(self) -> Sequence[TrainingView]:
        return list(self.rows.values())
