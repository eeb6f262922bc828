"""Query: the trainings a caller may see, by hour (from the lagging read model).

Attendees see their own trainings; trainers see all (one trainer calendar); others none.
"""

from dataclasses import dataclass

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.app.attendee_trainings_read_model import (
    AttendeeTrainingsReadModel,
    TrainingView,
)
from wild_workouts.trainings.app.training_access import side_of


@dataclass(frozen=True, slots=True)
class ListTrainings:
    caller: Caller


def handle_list_trainings(query: ListTrainings, views: AttendeeTrainingsReadModel) -> list[TrainingView]:
    side = side_of(query.caller)
    found = views.list_all() if side is Role.TRAINER else views.list_for_user(query.caller.user_id)
    return sorted(found, key=lambda view: (view.hour, view.training_id))
