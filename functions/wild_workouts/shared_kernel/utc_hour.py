"""UTC hours: normalising datetimes and the ISO hour id ("2026-12-01T13:00:00Z")."""

from datetime import UTC, datetime, timedelta

from wild_workouts.shared_kernel.domain_errors import InvalidInputError


class NaiveDatetimeError(InvalidInputError):
    code = "naive_datetime"


def to_utc(time: datetime) -> datetime:
    """``time`` converted to UTC; a naive datetime is refused (its zone is unknown)."""
    if time.tzinfo is None or time.utcoffset() is None:
        raise NaiveDatetimeError(f"time must carry a timezone (UTC, e.g. 2026-12-01T13:00:00Z), got {time.isoformat()}")
    return time.astimezone(UTC)


def format_utc(time: datetime) -> str:
    """``time`` as an ISO 8601 UTC string with a ``Z`` suffix, e.g. ``2026-12-01T21:00:00Z``."""
    text = to_utc(time).isoformat()
    return text.removesuffix("+00:00") + "Z"


def hour_id(time: datetime) -> str:
    """The id of the hour starting at ``time`` (a full UTC hour): ``2026-12-01T13:00:00Z``."""
    return to_utc(time).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_hour_id(value: str) -> datetime:
    """The aware UTC datetime of an hour id produced by :func:`hour_id`."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def is_full_hour(time: datetime) -> bool:
    return time.minute == 0 and time.second == 0 and time.microsecond == 0


def start_of_hour(time: datetime) -> datetime:
    return to_utc(time).replace(minute=0, second=0, microsecond=0)


ONE_HOUR = timedelta(hours=1)
