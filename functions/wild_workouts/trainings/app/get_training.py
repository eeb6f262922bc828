"""Query: one training, read from the aggregate (strongly consistent, shows the saga's
current answer: pending / scheduled / rejected with the reason / a failed reschedule)."""

from dataclasses import dataclass

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.trainings.app.repositories import TrainingRepository
from wild_workouts.trainings.app.training_access import training_for
from wild_workouts.trainings.domain.training import Training


@dataclass(frozen=True, slots=True)
class GetTraining:
    caller: Caller
    training_id: str


def handle_get_training(query: GetTraining, trainings: TrainingRepository) -> Training:
    return training_for(query.caller, query.training_id, trainings)
