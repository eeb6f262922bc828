"""Command: the other side approves the proposed time → TrainingRescheduleRequested.

From here it is the same flow as a direct reschedule (reserve the new hour, then release
the old one). Refused once the training has started (``TrainingAlreadyStartedError``): a past
training is never moved to a new hour.
"""

from dataclasses import dataclass

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.training_access import side_of, training_for
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


@dataclass(frozen=True, slots=True)
class ApproveReschedule:
    caller: Caller
    training_id: str


def handle_approve_reschedule(command: ApproveReschedule, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    training = training_for(command.caller, command.training_id, uow.trainings)
    requested = training.approve_reschedule(side_of(command.caller), clock.now())
    uow.trainings.save(training)
    uow.publish(requested)
