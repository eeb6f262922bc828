"""What the trainer module's routes need from the outside, as one value (built by the
composition root on Firestore, by unit tests on fakes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wild_workouts.adapters_common.unit_of_work_runner import UnitOfWorkRunner
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.calendar_read_model import CalendarReader
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.hour_policy import HourPolicy

if TYPE_CHECKING:
    from pipeline_kit import EventEmitter


@dataclass(frozen=True)
class TrainerRouteDependencies:
    clock: Clock
    hour_policy: HourPolicy
    run_command: UnitOfWorkRunner[TrainerUnitOfWork]
    calendar: Callable[[], CalendarReader]
    """The trainer calendar read model (lags the hours)."""


def firestore_trainer_route_dependencies(
    clock: Clock, hour_policy: HourPolicy, emitter: EventEmitter
) -> TrainerRouteDependencies:
    """On Firestore: commands on ``FirestoreTrainerUnitOfWork`` (events through ``emitter``), the
    calendar read from its Firestore read model."""
    from pipeline_kit import firestore_client
    from wild_workouts.adapters_common.unit_of_work_runner import firestore_command_runner
    from wild_workouts.trainer.adapters.firestore_calendar_read_model import FirestoreCalendarReader
    from wild_workouts.trainer.adapters.firestore_trainer_unit_of_work import FirestoreTrainerUnitOfWork

    return TrainerRouteDependencies(
        clock=clock,
        hour_policy=hour_policy,
        run_command=firestore_command_runner(FirestoreTrainerUnitOfWork, emitter),
        calendar=lambda: FirestoreCalendarReader(firestore_client()),
    )
