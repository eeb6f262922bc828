"""Everything the API routes need from the outside, as one injectable value.

Production builds it on Firestore (``api_firestore_dependencies``); unit tests build it
from in-memory fakes. A ``UnitOfWorkRunner`` runs a command's work on a module's unit of
work and commits it: state and outbox in one commit, then a publish attempt (see
``pipeline_kit.http.command_execution``). It may call ``work`` several times (optimistic
retries on write conflicts), so the work must be a pure function of what it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol, TypeVar

from pipeline_kit.http.settle_wait import SystemWaitClock, WaitClock
from wild_workouts.http.caller_auth import TokenVerifier
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.calendar_read_model import CalendarReadModel
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.hour_policy import HourPolicy
from wild_workouts.trainings.app.attendee_trainings_read_model import AttendeeTrainingsReadModel
from wild_workouts.trainings.app.repositories import TrainingRepository
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork
from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT
from wild_workouts.users.app.repositories import AccountRepository
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork

U_co = TypeVar("U_co", covariant=True)
T = TypeVar("T")


class UnitOfWorkRunner(Protocol[U_co]):
    def __call__(self, work: Callable[[U_co], T], /) -> T: ...


@dataclass(frozen=True)
class ApiDependencies:
    verifier: TokenVerifier
    clock: Clock
    hour_policy: HourPolicy
    trainer_command: UnitOfWorkRunner[TrainerUnitOfWork]
    trainings_command: UnitOfWorkRunner[TrainingsUnitOfWork]
    users_command: UnitOfWorkRunner[UsersUnitOfWork]
    calendar: Callable[[], CalendarReadModel]
    """The trainer calendar read model (lags the hours)."""
    trainings: Callable[[], TrainingRepository]
    """Strongly consistent reads of the training aggregates (never saved through)."""
    training_views: Callable[[], AttendeeTrainingsReadModel]
    """The attendee trainings read model (lags the trainings)."""
    accounts: Callable[[], AccountRepository]
    """Strongly consistent reads of the attendees' accounts (never saved through)."""
    wait_clock: WaitClock = field(default_factory=SystemWaitClock)
    """Monotonic time and sleep for commands that wait (``Prefer: wait``); tests pass a fake."""
    saga_timeout: timedelta = DEFAULT_SAGA_TIMEOUT
    """How long a booking may stay pending before the saga times out (``SAGA_TIMEOUT_SECONDS``)."""
