"""HTTP trigger for Cloud Scheduler: republish outbox records left unsent.

Cloud Scheduler calls it with an OIDC token, checked by ``scheduled_trigger``.
``older_than_seconds`` (see ``sweep_age_seconds``) outside its range is 400, not clamped.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wild_workouts.http.scheduled_trigger import AuthenticatorFor

DEFAULT_SWEEP_AGE_SECONDS = 30.0
LONGEST_SWEEP_AGE_SECONDS = 86400.0
_DECIMAL = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6})?")


def handle_sweep_request(request: Any, authenticator_for: AuthenticatorFor) -> Any:
    """Sweep the outbox (``scheduled_trigger.trigger_response``): 200 when every record found
    was published, 503 when some failed (the next run retries them)."""
    from wild_workouts.http.scheduled_trigger import trigger_response

    return trigger_response(
        request, authenticator_for, lambda req: sweep_age_seconds(req.args.get("older_than_seconds")), _sweep
    )


def _sweep(older_than: float) -> tuple[dict[str, int], int]:
    from pipeline_kit import firestore_client, sweep_outbox
    from pipeline_kit.observability import structured_log

    result = sweep_outbox(firestore_client(), older_than=timedelta(seconds=older_than))
    if result.found:
        structured_log.info(
            f"outbox sweep: {result.published} published, {result.failed} failed of {result.found}",
            outcome="swept",
        )
    status = 200 if result.failed == 0 else 503
    return {"found": result.found, "published": result.published, "failed": result.failed}, status


def sweep_age_seconds(text: str | None) -> float:
    """``older_than_seconds``: 30 when absent, else a decimal number of seconds from 0 to
    ``LONGEST_SWEEP_AGE_SECONDS``; ValueError (the refusal's message) for anything else: NaN,
    infinities, exponents, hexadecimal, underscores, out of range."""
    if text is None:
        return DEFAULT_SWEEP_AGE_SECONDS
    if not _DECIMAL.fullmatch(text) or not 0.0 <= float(text) <= LONGEST_SWEEP_AGE_SECONDS:
        raise ValueError(f"older_than_seconds must be a number of seconds from 0 to {LONGEST_SWEEP_AGE_SECONDS:g}")
    return float(text)
