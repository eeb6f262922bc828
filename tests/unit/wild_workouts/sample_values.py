"""Shared values for the Wild Workouts unit tests: a fixed now, callers, hours."""

from datetime import UTC, datetime, timedelta

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.role import Role

NOW = datetime(2026, 12, 1, 10, 15, tzinfo=UTC)
"""A Tuesday, 10:15 UTC: the current hour is 10:00."""

ALICE = Caller("alice", Role.ATTENDEE, "Alice")
BOB = Caller("bob", Role.ATTENDEE, "Bob")
TRAINER = Caller("trainer-1", Role.TRAINER, "Tess")
ADMIN = Caller("admin-1", Role.ADMIN, "Ada")


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` UTC, ``day_offset`` days after NOW's date."""
    base = datetime(NOW.year, NOW.month, NOW.day, tzinfo=UTC) + timedelta(days=day_offset)
    return base.replace(hour=hour, minute=minute)


TOMORROW_13 = at(1, 13)
IN_THREE_DAYS_14 = at(3, 14)
