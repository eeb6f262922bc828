"""The scheduling saga's timeout, configured from the environment (validated on construction).

``SAGA_TIMEOUT_SECONDS`` (default 300): a booking not settled that long after its request is
rejected with ``timed_out`` by the ``saga_timeouts`` trigger. The deadline is stored on the
training when it is requested, so a change applies to new bookings only. A bad value stops
the API at its first request.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT, validated_saga_timeout


def saga_timeout_from_env(environ: Mapping[str, str]) -> timedelta:
    text = environ.get("SAGA_TIMEOUT_SECONDS", "").strip()
    if not text:
        return DEFAULT_SAGA_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"SAGA_TIMEOUT_SECONDS must be a number of seconds, got {text!r}") from None
    return validated_saga_timeout(timedelta(seconds=seconds))
