"""The 24 h refund rule at its boundary."""

from datetime import timedelta

import pytest

from tests.unit.wild_workouts.sample_values import TOMORROW_13
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.domain.cancellation_refund import cancellation_refund

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("before", "by", "refund"),
    [
        (timedelta(days=3), Role.ATTENDEE, 1),
        (timedelta(hours=24), Role.ATTENDEE, 1),  # exactly 24 h: free
        (timedelta(hours=24), Role.TRAINER, 1),
        (timedelta(hours=24) - timedelta(seconds=1), Role.ATTENDEE, 0),
        (timedelta(hours=24) - timedelta(seconds=1), Role.TRAINER, 2),
        (timedelta(minutes=5), Role.ATTENDEE, 0),
        (timedelta(minutes=5), Role.TRAINER, 2),
        (-timedelta(minutes=5), Role.TRAINER, 2),  # already started
    ],
)
def test_refund(before: timedelta, by: Role, refund: int) -> None:
    assert cancellation_refund(TOMORROW_13, TOMORROW_13 - before, by) == refund
