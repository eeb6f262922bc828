"""Loading the hours a trainer command changes (shared by the availability commands)."""

from collections.abc import Iterable
from datetime import datetime

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.shared_kernel.domain_errors import ForbiddenError
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.hour_policy import HourPolicy


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
