"""How many trainings a cancellation gives back.

- 24 hours or more before the training: 1 (free);
- later, canceled by the attendee: 0;
- later, canceled by the trainer: 2 (refund plus a fine).
"""

from datetime import datetime, timedelta

from wild_workouts.shared_kernel.role import Role
from wild_workouts.shared_kernel.utc_hour import to_utc

FREE_CHANGE_NOTICE = timedelta(hours=24)


def is_free_change(hour: datetime, now: datetime) -> bool:
    """True while the training is still 24 h or more away (the boundary is free)."""
    return to_utc(hour) - to_utc(now) >= FREE_CHANGE_NOTICE


def cancellation_refund(hour: datetime, now: datetime, canceled_by: Role) -> int:
    if is_free_change(hour, now):
        return 1
    return 2 if canceled_by is Role.TRAINER else 0
