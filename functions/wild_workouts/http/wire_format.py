"""How times travel in the API's JSON: RFC 3339 strings, answered in UTC with ``Z``.

Inputs were validated against the OpenAPI ``date-time``/``date`` formats before they get
here (``json_schema``: shape, and a UTC day from ``FIRST_DAY`` to ``LAST_DAY``, so that a
day either side, or the conversion to UTC, never overflows), so parsing cannot fail; business
rules (full hour, future...) are the domain's.
"""

from __future__ import annotations

from datetime import date, datetime

from wild_workouts.shared_kernel.utc_hour import format_utc


def parse_date_time(text: str) -> datetime:
    """An aware datetime from an RFC 3339 string (``Z`` or an offset)."""
    return datetime.fromisoformat(text.upper())


def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def render_time(time: datetime | None) -> str | None:
    return None if time is None else format_utc(time)
