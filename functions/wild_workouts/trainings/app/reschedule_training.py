"""Command: move a training directly (24 h or more before it) → TrainingRescheduleRequested.

Asynchronous: the training keeps its time until the trainer module reserved the new hour;
the outcome is TrainingRescheduled or TrainingRescheduleFailed (the reason is kept on the
training as ``last_reschedule_failure``).
"""

from dataclasses import dataclass
from datetime import datetime

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.training_access import side_of, training_for
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


@dataclass(frozen=True, slots=True)
class RescheduleTraining:
    caller: Caller
    training_id: str
    new_hour: datetime


def handle_reschedule_training(command: RescheduleTraining, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    training = training_for(command.caller, command.training_id, uow.trainings)
    requested = training.reschedule(command.new_hour, side_of(command.caller), clock.now())
    uow.trainings.save(training)
    uow.publish(requested)
