"""Command: cancel a scheduled training → TrainingCanceled with the refund (0, 1 or 2).

Attendees cancel their own trainings, trainers any. A training is canceled once: a second
cancel (or a retried command after the first committed) is a ``TrainingNotScheduledError``, so
the refund, and a trainer's fine in it, is published once per booking. A training that has
started (its hour is now or past) is a ``TrainingAlreadyStartedError``: it is simply past.
"""

from dataclasses import dataclass

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.training_access import side_of, training_for
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


@dataclass(frozen=True, slots=True)
class CancelTraining:
    caller: Caller
    training_id: str


def handle_cancel_training(command: CancelTraining, uow: TrainingsUnitOfWork, clock: Clock) -> int:
    """The refund the attendee gets."""
    training = training_for(command.caller, command.training_id, uow.trainings)
    canceled = training.cancel(side_of(command.caller), clock.now())
    uow.trainings.save(training)
    uow.publish(canceled)
    return canceled.refund
