"""Commands on a reschedule proposal: one side proposes a new time, the other approves it, or
either side rejects it.

- ``handle_propose_reschedule`` → ``TrainingRescheduleProposed``: any time before the training;
  only the other side can approve it; a new proposal replaces the open one. Once the training
  has started it is a ``TrainingAlreadyStartedError``.
- ``handle_approve_reschedule`` → ``TrainingRescheduleRequested``: from here it is the same flow
  as a direct reschedule (reserve the new hour, then release the old one). Refused once the
  training has started (``TrainingAlreadyStartedError``): a past training is never moved.
- ``handle_reject_reschedule`` → ``TrainingRescheduleProposalRejected``.
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


@dataclass(frozen=True, slots=True)
class ApproveReschedule:
    caller: Caller
    training_id: str


@dataclass(frozen=True, slots=True)
class RejectReschedule:
    caller: Caller
    training_id: str


def handle_propose_reschedule(command: ProposeReschedule, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    training = training_for(command.caller, command.training_id, uow.trainings)
    proposed = training.propose_reschedule(command.new_hour, side_of(command.caller), clock.now())
    uow.trainings.save(training)
    uow.publish(proposed)


def handle_approve_reschedule(command: ApproveReschedule, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    training = training_for(command.caller, command.training_id, uow.trainings)
    requested = training.approve_reschedule(side_of(command.caller), clock.now())
    uow.trainings.save(training)
    uow.publish(requested)


def handle_reject_reschedule(command: RejectReschedule, uow: TrainingsUnitOfWork) -> None:
    training = training_for(command.caller, command.training_id, uow.trainings)
    rejected = training.reject_reschedule(side_of(command.caller))
    uow.trainings.save(training)
    uow.publish(rejected)
