"""How times travel in the API's JSON: RFC 3339 strings, answered in UTC with ``Z``.

``date_problem`` and ``date_time_problem`` are the API's ``date`` and ``date-time`` formats
(``json_schema`` gives them to the validator): ASCII digits only, and a UTC day from
``FIRST_DAY`` to ``LAST_DAY``, a value the API can compute with, a day either side included
(``9999-12-31T23:00:00-01:00`` is valid RFC 3339, but its UTC instant is in year 10000; a
calendar range ending on 9999-12-31 would need the day after it). Inputs were validated
against them before they get here, so parsing cannot fail; business rules (full hour,
future...) are the domain's.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from wild_workouts.shared_kernel.utc_hour import format_utc

FIRST_DAY = date(1, 1, 2)
LAST_DAY = date(9999, 12, 30)
"""The first and last day (UTC) of the dates and times the API accepts."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def date_problem(text: str) -> str | None:
    """What keeps ``text`` from being one of the API's dates (``YYYY-MM-DD``), or None."""
    day = _date(text)
    if day is None:
        return f"must be a date YYYY-MM-DD, got {text[:40]!r}"
    if not FIRST_DAY <= day <= LAST_DAY:
        return f"must be a day from {FIRST_DAY} to {LAST_DAY}, got {text!r}"
    return None


def date_time_problem(text: str) -> str | None:
    """What keeps ``text`` from being one of the API's times (RFC 3339 with a zone), or None."""
    instant = _date_time(text)
    if instant is None:
        return f"must be an RFC 3339 date-time with a zone, e.g. 2026-12-01T13:00:00Z, got {text[:40]!r}"
    if not _in_range(instant):
        return f"must be a time from {FIRST_DAY} to {LAST_DAY} (UTC), got {text!r}"
    return None


def parse_date_time(text: str) -> datetime:
    """An aware datetime from an RFC 3339 string (``Z`` or an offset)."""
    return datetime.fromisoformat(text.upper())


def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def render_time(time: datetime | None) -> str | None:
    return None if time is None else format_utc(time)


def _date(text: str) -> date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _date_time(text: str) -> datetime | None:
    """The aware datetime ``text`` names (its own offset), or None when it is not one."""
    if not _DATE_TIME.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text.upper())
    except ValueError:
        return None


def _in_range(instant: datetime) -> bool:
    """Whether ``instant``, in UTC, falls on a day from FIRST_DAY to LAST_DAY (the offset may
    carry a time on 9999-12-31 or 0001-01-01 past what ``datetime`` can represent)."""
    try:
        utc_day = instant.astimezone(UTC).date()
    except OverflowError:
        return False
    return FIRST_DAY <= utc_day <= LAST_DAY
