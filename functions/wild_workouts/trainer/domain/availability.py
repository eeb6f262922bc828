"""The availability of one trainer hour."""

from enum import StrEnum


class Availability(StrEnum):
    AVAILABLE = "available"
    NOT_AVAILABLE = "not_available"
    TRAINING_SCHEDULED = "training_scheduled"
