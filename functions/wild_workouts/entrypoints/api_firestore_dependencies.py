"""The production ``ApiDependencies``: Firestore, the process-wide emitter, the real clock and
the token verifier, hour policy and saga timeout the settings ask for.

Commands run through ``execute_command``: the module's Firestore unit of work on one
optimistic attempt (retried on write conflicts), state + outbox in one commit, then an
immediate publish; a publish failure leaves the events to the outbox sweeper (the command is
still accepted). Reads of aggregates use a fresh attempt that is never committed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline_kit.firestore.firestore_client import firestore_client
from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from pipeline_kit.http.command_execution import execute_command
from wild_workouts.adapters_common.system_clock import SystemClock
from wild_workouts.entrypoints.api_dependencies import ApiDependencies

if TYPE_CHECKING:
    from wild_workouts.settings import Settings

T = TypeVar("T")
U = TypeVar("U")


def _runner(
    uow_factory: Callable[[UnitOfWorkAttempt, Any], U],
) -> Callable[[Callable[[U], T]], T]:
    def run(work: Callable[[U], T]) -> T:
        from wild_workouts.bootstrap import event_emitter

        emitter = event_emitter()
        return execute_command(lambda attempt: work(uow_factory(attempt, emitter))).value

    return run


def _read_attempt() -> UnitOfWorkAttempt:
    return UnitOfWorkAttempt(firestore_client(), None, check_marker=False)


def firestore_api_dependencies(settings: Settings | None = None) -> ApiDependencies:
    """On ``settings`` (by default the process's): raises InsecureConfiguration on unsafe auth
    settings, ValueError on an hour policy or saga timeout out of range."""
    from pipeline_kit.auth.api_token_verifier_factory import build_api_token_verifier
    from wild_workouts import bootstrap
    from wild_workouts.trainer.adapters.firestore_calendar_read_model import (
        FirestoreCalendarReader,
    )
    from wild_workouts.trainer.adapters.firestore_trainer_unit_of_work import (
        FirestoreTrainerUnitOfWork,
    )

    def trainings_uow(attempt: UnitOfWorkAttempt, emitter: Any) -> Any:
        from wild_workouts.trainings.adapters.firestore_trainings_unit_of_work import (
            FirestoreTrainingsUnitOfWork,
        )

        return FirestoreTrainingsUnitOfWork(attempt, emitter)

    def users_uow(attempt: UnitOfWorkAttempt, emitter: Any) -> Any:
        from wild_workouts.users.adapters.firestore_users_unit_of_work import (
            FirestoreUsersUnitOfWork,
        )

        return FirestoreUsersUnitOfWork(attempt, emitter)

    def trainings() -> Any:
        from wild_workouts.trainings.adapters.firestore_training_repository import (
            FirestoreTrainingRepository,
        )

        return FirestoreTrainingRepository(_read_attempt())

    def training_views() -> Any:
        from wild_workouts.trainings.adapters.firestore_attendee_trainings_read_model import (
            FirestoreAttendeeTrainingsReader,
        )

        return FirestoreAttendeeTrainingsReader(firestore_client())

    def accounts() -> Any:
        from wild_workouts.users.adapters.firestore_account_repository import (
            FirestoreAccountRepository,
        )

        return FirestoreAccountRepository(_read_attempt())

    if settings is None:
        settings = bootstrap.settings()
    return ApiDependencies(
        verifier=build_api_token_verifier(settings.api_auth),
        clock=SystemClock(),
        hour_policy=bootstrap.hour_policy(settings),
        trainer_command=_runner(FirestoreTrainerUnitOfWork),
        trainings_command=_runner(trainings_uow),
        users_command=_runner(users_uow),
        calendar=lambda: FirestoreCalendarReader(firestore_client()),
        trainings=trainings,
        training_views=training_views,
        accounts=accounts,
        saga_timeout=bootstrap.saga_timeout(settings),
    )
