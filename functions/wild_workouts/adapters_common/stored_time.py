"""Times read back from Firestore (``DatetimeWithNanoseconds``) as plain aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def stored_time(value: Any) -> datetime:
    return datetime.fromtimestamp(value.timestamp(), UTC)


def optional_stored_time(value: Any) -> datetime | None:
    return None if value is None else stored_time(value)
