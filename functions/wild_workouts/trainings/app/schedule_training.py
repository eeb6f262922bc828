"""Command: an attendee asks for a training → stored ``pending`` + TrainingScheduleRequested.

The answer is asynchronous (the saga in ``domain.training``); the caller gets the training
id back and polls it. The saga must settle within ``saga_timeout`` (``domain.saga_deadline``).
Idempotent per ``training_id`` (chosen by the entrypoint): repeating
the same request returns the same id and publishes nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.shared_kernel.domain_errors import ForbiddenError
from wild_workouts.shared_kernel.role import Role
from wild_workouts.shared_kernel.utc_hour import to_utc
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork
from wild_workouts.trainings.domain.errors import TrainingAlreadyExistsError
from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT
from wild_workouts.trainings.domain.training import Training


@dataclass(frozen=True, slots=True)
class ScheduleTraining:
    caller: Caller
    training_id: str
    hour: datetime
    notes: str = ""
    saga_timeout: timedelta = DEFAULT_SAGA_TIMEOUT


def handle_schedule_training(command: ScheduleTraining, uow: TrainingsUnitOfWork, clock: Clock) -> str:
    caller = command.caller
    if caller.role is not Role.ATTENDEE:
        raise ForbiddenError(f"only an attendee can book a training, caller is {caller.role.value}")
    existing = uow.trainings.get(command.training_id)
    if existing is not None:
        if existing.user_id == caller.user_id and existing.hour == to_utc(command.hour):
            return existing.training_id
        raise TrainingAlreadyExistsError(f"training id {command.training_id} is already used")
    training, requested = Training.request(
        command.training_id, caller.user_id, caller.name, command.hour, command.notes, clock.now(), command.saga_timeout
    )
    uow.trainings.save(training)
    uow.publish(requested)
    return training.training_id
