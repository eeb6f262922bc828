"""Command: the trainer opens hours for booking → HourMadeAvailable per changed hour.

Idempotent: an hour already available publishes nothing. Refused (whole command) if any
hour breaks the policy or has a training scheduled in it.
"""

from dataclasses import dataclass
from datetime import datetime

from wild_workouts.contracts.trainer_events import HourMadeAvailable
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.app.hours_to_change import hours_to_change
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.hour_policy import HourPolicy


@dataclass(frozen=True, slots=True)
class MakeHoursAvailable:
    caller: Caller
    hours: tuple[datetime, ...]


def handle_make_hours_available(
    command: MakeHoursAvailable, uow: TrainerUnitOfWork, clock: Clock, policy: HourPolicy
) -> None:
    hours = hours_to_change(command.caller, command.hours, uow, clock, policy)
    changed = [hour for hour in hours if hour.make_available()]
    for hour in changed:
        uow.hours.save(hour)
        uow.publish(HourMadeAvailable(hour.time, hour.version))
