"""The API on in-memory route dependencies for unit tests: dict repositories, a fixed clock, a real
development-issuer token verifier (no I/O), and a record of what was published."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import Flask

from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from wild_workouts import bootstrap
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.hour_policy import HourPolicy
from wild_workouts.trainer.domain.training_reservations import TrainingReservations
from wild_workouts.trainer.entrypoints.route_dependencies import TrainerRouteDependencies
from wild_workouts.trainings.app.attendee_trainings_read_model import TrainingView
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.entrypoints.route_dependencies import TrainingsRouteDependencies
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.grant_request import GrantRequest
from wild_workouts.users.domain.ledger_entry import LedgerEntry
from wild_workouts.users.entrypoints.route_dependencies import UsersRouteDependencies

T = TypeVar("T")
V = TypeVar("V")
NOW = datetime(2026, 11, 30, 10, 15, tzinfo=UTC)
PROJECT = "wild-workouts-unit"


class FixedClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


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


class DictRepository:
    """``get`` a detached copy, ``save`` a copy, keyed by ``key_of``."""

    def __init__(self, key_of: Callable[[Any], Any]) -> None:
        self.items: dict[Any, Any] = {}
        self._key_of = key_of

    def get(self, *key: Any) -> Any:
        found = self.items.get(key[0] if len(key) == 1 else key)
        return copy.deepcopy(found)

    def save(self, item: Any) -> None:
        self.items[self._key_of(item)] = copy.deepcopy(item)


class Unit:
    """One module's unit of work over the shared dicts; ``publish`` records the event."""

    def __init__(self, published: list[Any], **repositories: DictRepository) -> None:
        self._published = published
        for name, repository in repositories.items():
            setattr(self, name, repository)

    def publish(self, event: Any) -> None:
        self._published.append(event)


class InMemoryCalendar:
    def __init__(self) -> None:
        self.hours: dict[datetime, Availability] = {}

    def set_availability(self, hour: datetime, availability: Availability, hour_version: int) -> None:
        self.hours[hour] = availability  # the API tests set each hour once

    def availability_between(self, start: datetime, end: datetime) -> Mapping[datetime, Availability]:
        return {hour: value for hour, value in self.hours.items() if start <= hour < end}


class InMemoryTrainingViews:
    def __init__(self) -> None:
        self.views: dict[str, TrainingView] = {}

    def get(self, training_id: str) -> TrainingView | None:
        return self.views.get(training_id)

    def put(self, view: TrainingView) -> None:
        self.views[view.training_id] = view

    def list_for_user(self, user_id: str) -> Sequence[TrainingView]:
        return [view for view in self.views.values() if view.user_id == user_id]

    def list_all(self) -> Sequence[TrainingView]:
        return list(self.views.values())


@dataclass
class InMemoryWorld:
    issuer: DevTokenIssuer
    clock: FixedClock = field(default_factory=FixedClock)
    wait_clock: FakeWaitClock = field(default_factory=FakeWaitClock)
    published: list[Any] = field(default_factory=list)
    hours: DictRepository = field(default_factory=lambda: DictRepository(_hour_key))
    reservations: DictRepository = field(default_factory=lambda: DictRepository(_training_key))
    trainings: DictRepository = field(default_factory=lambda: DictRepository(_training_key))
    accounts: DictRepository = field(default_factory=lambda: DictRepository(_user_key))
    ledger: DictRepository = field(default_factory=lambda: DictRepository(_ledger_key))
    grant_requests: DictRepository = field(default_factory=lambda: DictRepository(_request_key))
    calendar: InMemoryCalendar = field(default_factory=InMemoryCalendar)
    views: InMemoryTrainingViews = field(default_factory=InMemoryTrainingViews)
    failure: BaseException | None = None
    """Raised by every command runner and read (error-mapping tests)."""

    def token(self, uid: str, role: str | None, name: str | None = None) -> str:
        return self.issuer.mint(uid, role=role, name=name or uid.title())

    def _run(self, unit: Unit) -> Callable[[Callable[[Any], T]], T]:
        def run(work: Callable[[Any], T]) -> T:
            self._fail_if_asked()
            return work(unit)

        return run

    def _read(self, value: V) -> Callable[[], V]:
        def read() -> V:
            self._fail_if_asked()
            return value

        return read

    def _fail_if_asked(self) -> None:
        if self.failure is not None:
            raise self.failure

    def api_app(self) -> Flask:
        """The API app (``bootstrap.api_app_of``) on this world, serving the web app as the
        process's settings say."""
        published = self.published
        trainer = TrainerRouteDependencies(
            clock=self.clock,
            hour_policy=HourPolicy(),
            run_command=self._run(Unit(published, hours=self.hours, reservations=self.reservations)),
            calendar=self._read(self.calendar),
        )
        trainings = TrainingsRouteDependencies(
            clock=self.clock,
            run_command=self._run(Unit(published, trainings=self.trainings)),
            trainings=self._read(self.trainings),
            training_views=self._read(self.views),
            wait_clock=self.wait_clock,
        )
        users = UsersRouteDependencies(
            clock=self.clock,
            run_command=self._run(
                Unit(published, accounts=self.accounts, ledger=self.ledger, grant_requests=self.grant_requests)
            ),
            accounts=self._read(self.accounts),
        )
        web = bootstrap.web_serving(bootstrap.settings())
        return bootstrap.api_app_of(trainer, trainings, users, self.issuer.verifier(), web)


def _hour_key(hour: Hour) -> datetime:
    return hour.time


def _training_key(item: Training | TrainingReservations) -> str:
    return item.training_id


def _user_key(account: Account) -> str:
    return account.user_id


def _request_key(request: GrantRequest) -> str:
    return request.request_id


def _ledger_key(entry: LedgerEntry) -> tuple[str, str]:
    return (entry.user_id, entry.training_id)
