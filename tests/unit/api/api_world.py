"""The API on the app's one set of fakes (``tests/unit/wild_workouts/fakes.py``), for unit tests:
each module's store behind its fake unit of work (a command that raises keeps nothing; events
reach ``published`` on commit, every module's in commit order), the fake read models, a fixed
clock, a fake wait clock, one ``Prefer: wait`` slot, and a real development-issuer token verifier (no I/O)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from flask import Flask

from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from pipeline_kit.http.wait_slots import WaitSlots
from tests.unit.wild_workouts.fakes import (
    FakeAccountRepository,
    FakeAttendeeTrainingsReadModel,
    FakeCalendarReadModel,
    FakeHourRepository,
    FakeTrainingRepository,
    FakeWaitClock,
    FixedClock,
    TrainerStore,
    TrainingsStore,
    UsersStore,
    run_trainer,
    run_trainings,
    run_users,
)
from wild_workouts import bootstrap
from wild_workouts.trainer.domain.hour_policy import HourPolicy
from wild_workouts.trainer.entrypoints.route_dependencies import TrainerRouteDependencies
from wild_workouts.trainings.entrypoints.route_dependencies import TrainingsRouteDependencies
from wild_workouts.users.entrypoints.route_dependencies import UsersRouteDependencies

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")
NOW = datetime(2026, 11, 30, 10, 15, tzinfo=UTC)
PROJECT = "wild-workouts-unit"


@dataclass(frozen=True)
class Committed(Generic[K, V]):
    """One store table as a test sees it: ``items`` are the committed rows; ``get`` and ``save``
    go through the fake repository over them (detached copies), outside any command."""

    items: dict[K, V]
    repository: Any

    def get(self, *key: Any) -> Any:
        """The row (a detached copy) or None; typed Any: a test reads the rows it has set up."""
        return self.repository.get(*key)

    def save(self, item: V) -> None:
        self.repository.save(item)


@dataclass
class InMemoryWorld:
    issuer: DevTokenIssuer
    clock: FixedClock = field(default_factory=lambda: FixedClock(NOW))
    wait_clock: FakeWaitClock = field(default_factory=FakeWaitClock)
    wait_slots: WaitSlots = field(default_factory=lambda: WaitSlots(1))
    """The trainings commands' ``Prefer: wait`` slots (a test takes them to exhaust them)."""
    published: list[Any] = field(default_factory=list)
    """Every module's committed events, in commit order."""
    calendar: FakeCalendarReadModel = field(default_factory=FakeCalendarReadModel)
    views: FakeAttendeeTrainingsReadModel = field(default_factory=FakeAttendeeTrainingsReadModel)
    failure: BaseException | None = None
    """Raised by every command runner and read (error-mapping tests)."""

    def __post_init__(self) -> None:
        self.trainer_store = TrainerStore(outbox=self.published)
        self.trainings_store = TrainingsStore(outbox=self.published)
        self.users_store = UsersStore(outbox=self.published)
        self.hours = Committed(self.trainer_store.hours, FakeHourRepository(self.trainer_store.hours))
        self.trainings = Committed(
            self.trainings_store.trainings, FakeTrainingRepository(self.trainings_store.trainings)
        )
        self.accounts = Committed(self.users_store.accounts, FakeAccountRepository(self.users_store.accounts))

    def token(self, uid: str, role: str | None, name: str | None = None) -> str:
        return self.issuer.mint(uid, role=role, name=name or uid.title())

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

        def trainer_command(work: Callable[[Any], T]) -> T:
            self._fail_if_asked()
            return run_trainer(self.trainer_store, work)

        def trainings_command(work: Callable[[Any], T]) -> T:
            self._fail_if_asked()
            return run_trainings(self.trainings_store, work)

        def users_command(work: Callable[[Any], T]) -> T:
            self._fail_if_asked()
            return run_users(self.users_store, work)

        trainer = TrainerRouteDependencies(
            clock=self.clock,
            hour_policy=HourPolicy(),
            run_command=trainer_command,
            calendar=self._read(self.calendar),
        )
        trainings = TrainingsRouteDependencies(
            clock=self.clock,
            run_command=trainings_command,
            trainings=self._read(FakeTrainingRepository(self.trainings_store.trainings)),
            training_views=self._read(self.views),
            wait_clock=self.wait_clock,
            wait_slots=self.wait_slots,
        )
        users = UsersRouteDependencies(
            clock=self.clock,
            run_command=users_command,
            accounts=self._read(FakeAccountRepository(self.users_store.accounts)),
        )
        web = bootstrap.web_serving(bootstrap.settings())
        return bootstrap.api_app_of(trainer, trainings, users, self.issuer.verifier(), web)
