"""Command: propose a new time (any time before the training) → TrainingRescheduleProposed.

Only the other side can approve it; a new proposal replaces the open one. Once the training
has started it is a ``TrainingAlreadyStartedError``.
"""

from dataclasses import dataclass
from datetime import datetime

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.training_access import side_of, training_for
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


@dataclass(frozen=True, slots=True)
class ProposeReschedule:
    caller: Caller
    training_id: str
    new_hour: datetime


def handle_propose_reschedule(command: ProposeReschedule, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    training = training_for(command.caller, command.training_id, uow.trainings)
    proposed = training.propose_reschedule(command.new_hour, side_of(command.caller), clock.now())
    uow.trainings.save(training)
    uow.publish(proposed)
