"""HTTP trigger for Cloud Scheduler: time out the scheduling sagas past their deadline.

Authenticated like the outbox sweeper (an OIDC token from the scheduler's own service
account, verified by the kit: audience, issuer, signature, expiry, allowed account). Each
overdue pending training is rejected with ``timed_out`` in its own commit, its
``TrainingRejected`` published after the commit (the outbox sweeper republishes it if that
fails), and one structured line with ``outcome="saga_timed_out"`` is written per timeout (the
log-based metric and alert in ``infra/monitoring.tf`` count them). Answers 200 when every
overdue saga was handled, 503 when some failed (the next run retries them), 400 for a ``limit``
outside 1..500 (see ``saga_batch_size``; not clamped).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline_kit import EventEmitter
    from wild_workouts.http.scheduled_trigger import AuthenticatorFor

DEFAULT_SAGA_BATCH = 200
LARGEST_SAGA_BATCH = 500
_WHOLE_NUMBER = re.compile(r"[0-9]{1,4}")

SAGA_TIMED_OUT_OUTCOME = "saga_timed_out"
"""The ``outcome`` of the structured line written per timeout (matched by the log-based metric)."""


def handle_saga_timeouts_request(
    request: Any, authenticator_for: AuthenticatorFor, event_emitter: Callable[[], EventEmitter]
) -> Any:
    """Time out the overdue sagas (``scheduled_trigger.trigger_response``), their events through
    ``event_emitter()``, asked for once the gate has let the call through."""
    from wild_workouts.http.scheduled_trigger import trigger_response

    def run(limit: int) -> tuple[dict[str, int], int]:
        sweep = run_saga_timeouts(limit, event_emitter())
        body = {"found": sweep.found, "timed_out": len(sweep.timed_out), "failed": len(sweep.failures)}
        return body, 200 if not sweep.failures else 503

    return trigger_response(request, authenticator_for, lambda req: saga_batch_size(req.args.get("limit")), run)


def run_saga_timeouts(limit: int, emitter: EventEmitter) -> Any:
    """Time out up to ``limit`` overdue sagas on Firestore and log each timeout (a ``SagaTimeoutSweep``)."""
    from pipeline_kit import firestore_client
    from pipeline_kit.observability import structured_log
    from wild_workouts.adapters_common.system_clock import SystemClock
    from wild_workouts.adapters_common.unit_of_work_runner import firestore_command_runner
    from wild_workouts.shared_kernel.utc_hour import format_utc
    from wild_workouts.trainings.adapters.firestore_pending_sagas import FirestorePendingSagas
    from wild_workouts.trainings.adapters.firestore_trainings_unit_of_work import FirestoreTrainingsUnitOfWork
    from wild_workouts.trainings.app.saga_timeouts import time_out_overdue_sagas

    run = firestore_command_runner(FirestoreTrainingsUnitOfWork, emitter)
    sweep = time_out_overdue_sagas(FirestorePendingSagas(firestore_client()), run, SystemClock(), limit)
    for timed_out in sweep.timed_out:
        missing = ",".join(timed_out.missing) or "none"
        structured_log.warning(
            f"saga timed out: training {timed_out.training_id} rejected (missing: {missing}; "
            f"deadline {format_utc(timed_out.deadline_at)})",
            outcome=SAGA_TIMED_OUT_OUTCOME,
            training_id=timed_out.training_id,
            missing=missing,
            deadline_at=format_utc(timed_out.deadline_at),
            labels={"training_id": timed_out.training_id},
        )
    for failure in sweep.failures:
        structured_log.error(f"saga timeout failed, retried by the next run: {failure}", outcome="saga_timeout_failed")
    return sweep


def saga_batch_size(text: str | None) -> int:
    """``limit``: 200 when absent, else a whole number from 1 to ``LARGEST_SAGA_BATCH``;
    ValueError (the refusal's message) for anything else (signs, exponents, non-ASCII digits)."""
    if text is None:
        return DEFAULT_SAGA_BATCH
    if not _WHOLE_NUMBER.fullmatch(text) or not 1 <= int(text) <= LARGEST_SAGA_BATCH:
        raise ValueError(f"limit must be a whole number from 1 to {LARGEST_SAGA_BATCH}")
    return int(text)
