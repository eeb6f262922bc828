"""The trainer's hour policy, configured from the environment (validated on construction).

``TRAINER_MIN_UTC_HOUR`` (default 12), ``TRAINER_MAX_UTC_HOUR`` (20),
``TRAINER_MAX_WEEKS_AHEAD`` (6). A bad value stops the API at its first request.
"""

from __future__ import annotations

from collections.abc import Mapping

from wild_workouts.trainer.domain.hour_policy import HourPolicy


def hour_policy_from_env(environ: Mapping[str, str]) -> HourPolicy:
    defaults = HourPolicy()
    return HourPolicy(
        min_utc_hour=int(environ.get("TRAINER_MIN_UTC_HOUR", defaults.min_utc_hour)),
        max_utc_hour=int(environ.get("TRAINER_MAX_UTC_HOUR", defaults.max_utc_hour)),
        max_weeks_ahead=int(environ.get("TRAINER_MAX_WEEKS_AHEAD", defaults.max_weeks_ahead)),
    )
