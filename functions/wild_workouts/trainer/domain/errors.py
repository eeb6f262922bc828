"""Typed errors of the trainer module (stable ``code``, message says what is allowed)."""

from wild_workouts.shared_kernel.domain_errors import ConflictError, InvalidInputError


class InvalidHourPolicyError(InvalidInputError):
    code = "invalid_hour_policy"


class InvalidHourError(InvalidInputError):
    """Base of the hour-time rules (full hour, future, weeks ahead, opening hours)."""

    code = "invalid_hour"


class HourNotFullError(InvalidHourError):
    code = "hour_not_full"


class HourInPastError(InvalidHourError):
    code = "hour_in_past"


class HourTooFarAheadError(InvalidHourError):
    code = "hour_too_far_ahead"


class HourTooEarlyError(InvalidHourError):
    code = "hour_too_early"


class HourTooLateError(InvalidHourError):
    code = "hour_too_late"


class HourHasTrainingScheduledError(ConflictError):
    code = "hour_has_training_scheduled"


class HourNotAvailableError(ConflictError):
    code = "hour_not_available"


class NoTrainingScheduledError(ConflictError):
    code = "no_training_scheduled"


class InvalidCalendarRangeError(InvalidInputError):
    code = "invalid_calendar_range"
