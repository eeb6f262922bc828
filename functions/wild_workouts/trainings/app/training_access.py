"""Who may act on which training: attendees on their own, trainers on all.

Another attendee's training is reported as not found (its existence does not leak);
any other role is forbidden.
"""

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.domain_errors import ForbiddenError
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.app.repositories import TrainingRepository
from wild_workouts.trainings.domain.errors import TrainingNotFoundError
from wild_workouts.trainings.domain.training import Training


def side_of(caller: Caller) -> Role:
    """The caller's side of a training (attendee or trainer); others are forbidden."""
    if caller.role not in (Role.ATTENDEE, Role.TRAINER):
        raise ForbiddenError(f"only attendees and trainers act on trainings, caller is {caller.role.value}")
    return caller.role


def training_for(caller: Caller, training_id: str, trainings: TrainingRepository) -> Training:
    side_of(caller)
    training = trainings.get(training_id)
    if training is None or (caller.role is Role.ATTENDEE and training.user_id != caller.user_id):
        raise TrainingNotFoundError(f"training {training_id} not found")
    return training
