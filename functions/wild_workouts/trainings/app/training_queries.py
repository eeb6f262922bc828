"""Queries on trainings.

- ``handle_get_training``: one training, read from the aggregate (strongly consistent, shows
  the saga's current answer: pending / scheduled / rejected with the reason / a failed
  reschedule).
- ``handle_list_trainings``: the trainings a caller may see, by hour (from the lagging read
  model). Attendees see their own trainings; trainers see all (one trainer calendar); others none.
"""

from dataclasses import dataclass

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.app.attendee_trainings_read_model import AttendeeTrainingsReader, TrainingView
from wild_workouts.trainings.app.repositories import TrainingRepository
from wild_workouts.trainings.app.training_access import side_of, training_for
from wild_workouts.trainings.domain.training import Training


@dataclass(frozen=True, slots=True)
class GetTraining:
    caller: Caller
    training_id: str


def handle_get_training(query: GetTraining, trainings: TrainingRepository) -> Training:
    return training_for(query.caller, query.training_id, trainings)


@dataclass(frozen=True, slots=True)
class ListTrainings:
    caller: Caller


def handle_list_trainings(query: ListTrainings, views: AttendeeTrainingsReader) -> list[TrainingView]:
    side = side_of(query.caller)
    found = views.list_all() if side is Role.TRAINER else views.list_for_user(query.caller.user_id)
    return sorted(found, key=lambda view: (view.hour, view.training_id))
