"""Who a caller is to the gym."""

from enum import StrEnum


class Role(StrEnum):
    ATTENDEE = "attendee"
    TRAINER = "trainer"
    ADMIN = "admin"
