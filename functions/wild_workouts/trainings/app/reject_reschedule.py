"""Command: either side rejects the proposed time → TrainingRescheduleProposalRejected."""

from dataclasses import dataclass

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.training_access import side_of, training_for
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


@dataclass(frozen=True, slots=True)
class RejectReschedule:
    caller: Caller
    training_id: str


def handle_reject_reschedule(command: RejectReschedule, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    training = training_for(command.caller, command.training_id, uow.trainings)
    rejected = training.reject_reschedule(side_of(command.caller))
    uow.trainings.save(training)
    uow.publish(rejected)
