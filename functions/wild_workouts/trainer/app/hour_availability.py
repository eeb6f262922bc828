"""Commands: the trainer opens hours for booking (→ ``HourMadeAvailable`` per changed hour) or
closes them (→ ``HourMadeUnavailable`` per changed hour).

Idempotent: an hour already in the wanted state publishes nothing. Refused (whole command) if
the caller is not a trainer, or if any hour breaks the policy or has a training scheduled in it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from wild_workouts.contracts.trainer_events import HourMadeAvailable, HourMadeUnavailable, TrainerEvent
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.shared_kernel.domain_errors import ForbiddenError
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.hour_policy import HourPolicy


@dataclass(frozen=True, slots=True)
class MakeHoursAvailable:
    caller: Caller
    hours: tuple[datetime, ...]


@dataclass(frozen=True, slots=True)
class MakeHoursUnavailable:
    caller: Caller
    hours: tuple[datetime, ...]


def handle_make_hours_available(
    command: MakeHoursAvailable, uow: TrainerUnitOfWork, clock: Clock, policy: HourPolicy
) -> None:
    _change_hours(command.caller, command.hours, uow, clock, policy, Hour.make_available, HourMadeAvailable)


def handle_make_hours_unavailable(
    command: MakeHoursUnavailable, uow: TrainerUnitOfWork, clock: Clock, policy: HourPolicy
) -> None:
    _change_hours(command.caller, command.hours, uow, clock, policy, Hour.make_not_available, HourMadeUnavailable)


def _change_hours(
    caller: Caller,
    times: Iterable[datetime],
    uow: TrainerUnitOfWork,
    clock: Clock,
    policy: HourPolicy,
    change: Callable[[Hour], bool],
    changed_event: Callable[[datetime, int], TrainerEvent],
) -> None:
    """Apply ``change`` to every hour (True when it changed it); save and announce the changed ones."""
    for hour in [hour for hour in hours_to_change(caller, times, uow, clock, policy) if change(hour)]:
        uow.hours.save(hour)
        uow.publish(changed_event(hour.time, hour.version))


def hours_to_change(
    caller: Caller,
    times: Iterable[datetime],
    uow: TrainerUnitOfWork,
    clock: Clock,
    policy: HourPolicy,
) -> list[Hour]:
    """The stored hours (or new ``not_available`` ones), each validated by the policy.

    Only a trainer may change hours (``ForbiddenError``); any invalid time fails the whole
    command before anything changes.
    """
    if caller.role is not Role.TRAINER:
        raise ForbiddenError(f"only a trainer can change hours, caller is {caller.role.value}")
    now = clock.now()
    valid = dict.fromkeys(policy.validate(time, now) for time in times)
    return [uow.hours.get(time) or Hour.create(time, policy, now) for time in valid]
