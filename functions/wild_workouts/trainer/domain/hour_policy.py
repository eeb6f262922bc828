"""Which hours the trainer may open: full UTC hours, in the future, not too far ahead,
within the opening hours."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from wild_workouts.shared_kernel.utc_hour import format_utc, is_full_hour, start_of_hour, to_utc
from wild_workouts.trainer.domain.errors import (
    HourInPastError,
    HourNotFullError,
    HourTooEarlyError,
    HourTooFarAheadError,
    HourTooLateError,
    InvalidHourPolicyError,
)


@dataclass(frozen=True, slots=True)
class HourPolicy:
    """Opening hours ``min_utc_hour``..``max_utc_hour`` (inclusive, 0–24) and how many weeks
    ahead hours may be set (counted in calendar days, ``7 × max_weeks_ahead``).

    The configuration is validated on construction (``InvalidHourPolicyError``).
    """

    min_utc_hour: int = 12
    max_utc_hour: int = 20
    max_weeks_ahead: int = 6

    def __post_init__(self) -> None:
        for name, value in (
            ("min_utc_hour", self.min_utc_hour),
            ("max_utc_hour", self.max_utc_hour),
        ):
            if not 0 <= value <= 24:
                raise InvalidHourPolicyError(f"{name} must be between 0 and 24, got {value}")
        if self.min_utc_hour > self.max_utc_hour:
            raise InvalidHourPolicyError(
                f"min_utc_hour must not be after max_utc_hour, got {self.min_utc_hour} > {self.max_utc_hour}"
            )
        if self.max_weeks_ahead < 1:
            raise InvalidHourPolicyError(f"max_weeks_ahead must be at least 1, got {self.max_weeks_ahead}")

    @property
    def max_days_ahead(self) -> int:
        return 7 * self.max_weeks_ahead

    def validate(self, time: datetime, now: datetime) -> datetime:
        """``time`` as a UTC datetime if it is an hour the trainer may set, else an
        ``InvalidHourError`` naming the rule and the allowed range."""
        hour = to_utc(time)
        now = to_utc(now)
        shown = format_utc(hour)
        if not is_full_hour(hour):
            raise HourNotFullError(f"hour must be a full UTC hour (minutes, seconds and fractions zero), got {shown}")
        current_hour = start_of_hour(now)
        if hour <= current_hour:
            raise HourInPastError(
                f"hour must be in the future, after the current hour {format_utc(current_hour)}, got {shown}"
            )
        last_day = now.date() + timedelta(days=self.max_days_ahead)
        if hour.date() > last_day:
            raise HourTooFarAheadError(
                f"hour too far ahead, at most {self.max_weeks_ahead} weeks "
                f"(until {last_day.isoformat()} UTC), got {shown}"
            )
        if hour.hour < self.min_utc_hour:
            raise HourTooEarlyError(f"too early hour, min UTC hour {self.min_utc_hour}, got {shown}")
        if hour.hour > self.max_utc_hour:
            raise HourTooLateError(f"too late hour, max UTC hour {self.max_utc_hour}, got {shown}")
        return hour
