"""What the trainings module's routes need from the outside, as one value (built by the
composition root on Firestore, by unit tests on fakes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from pipeline_kit.http.settle_wait import SystemWaitClock, WaitClock
from pipeline_kit.http.wait_slots import WaitSlots
from wild_workouts.adapters_common.unit_of_work_runner import UnitOfWorkRunner
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.attendee_trainings_read_model import AttendeeTrainingsReader
from wild_workouts.trainings.app.repositories import TrainingRepository
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork
from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT

if TYPE_CHECKING:
    from pipeline_kit import EventEmitter


@dataclass(frozen=True)
class TrainingsRouteDependencies:
    clock: Clock
    run_command: UnitOfWorkRunner[TrainingsUnitOfWork]
    trainings: Callable[[], TrainingRepository]
    """Strongly consistent reads of the training aggregates (never saved through)."""
    training_views: Callable[[], AttendeeTrainingsReader]
    """The attendee trainings read model (lags the trainings)."""
    wait_clock: WaitClock = field(default_factory=SystemWaitClock)
    """Monotonic time and sleep for commands that wait (``Prefer: wait``); tests pass a fake."""
    wait_slots: WaitSlots = field(default_factory=lambda: WaitSlots(1))
    """How many commands of this process may wait at once (``command_settlement``): the
    composition root sizes it from ``THREADS`` (``bootstrap.prefer_wait_slots``); one by default."""
    saga_timeout: timedelta = DEFAULT_SAGA_TIMEOUT
    """How long a booking may stay pending before the saga times out (``SAGA_TIMEOUT_SECONDS``)."""


def firestore_trainings_route_dependencies(
    clock: Clock, saga_timeout: timedelta, emitter: EventEmitter, wait_slots: WaitSlots
) -> TrainingsRouteDependencies:
    """On Firestore: commands on ``FirestoreTrainingsUnitOfWork`` (events through ``emitter``),
    trainings read on a fresh attempt, the attendee trainings from their Firestore read model;
    commands with ``Prefer: wait`` wait in ``wait_slots`` (the process's one bound)."""
    from pipeline_kit import firestore_client
    from wild_workouts.adapters_common.unit_of_work_runner import firestore_command_runner, read_attempt
    from wild_workouts.trainings.adapters.firestore_attendee_trainings_read_model import (
        FirestoreAttendeeTrainingsReader,
    )
    from wild_workouts.trainings.adapters.firestore_training_repository import FirestoreTrainingRepository
    from wild_workouts.trainings.adapters.firestore_trainings_unit_of_work import FirestoreTrainingsUnitOfWork

    return TrainingsRouteDependencies(
        clock=clock,
        run_command=firestore_command_runner(FirestoreTrainingsUnitOfWork, emitter),
        trainings=lambda: FirestoreTrainingRepository(read_attempt()),
        training_views=lambda: FirestoreAttendeeTrainingsReader(firestore_client()),
        saga_timeout=saga_timeout,
        wait_slots=wait_slots,
    )
