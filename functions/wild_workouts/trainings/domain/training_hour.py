"""Which hours a training may be booked or moved to (the trainer module decides availability)."""

from datetime import datetime

from wild_workouts.shared_kernel.utc_hour import format_utc, is_full_hour, start_of_hour, to_utc
from wild_workouts.trainings.domain.errors import InvalidTrainingHourError


def validate_training_hour(time: datetime, now: datetime) -> datetime:
    """``time`` in UTC if it is a full UTC hour after the current hour."""
    hour = to_utc(time)
    if not is_full_hour(hour):
        raise InvalidTrainingHourError(
            f"a training starts on a full UTC hour (minutes, seconds and fractions zero), got {format_utc(hour)}"
        )
    current = start_of_hour(now)
    if hour <= current:
        raise InvalidTrainingHourError(
            f"a training must be in the future, after the current hour {format_utc(current)}, got {format_utc(hour)}"
        )
    return hour
