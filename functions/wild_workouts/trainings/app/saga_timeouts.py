"""Saga timeouts: reject a pending training whose saga deadline has passed (``timed_out``).

- ``handle_time_out_saga`` (command, one training): re-reads the training in its own unit of
  work: if it settled meanwhile, or its deadline is not due, nothing is written and nothing
  published. Otherwise it is ``rejected`` with ``RejectionCode.TIMED_OUT`` and
  ``TrainingRejected`` goes to the outbox in the same commit; the trainer and users modules
  compensate as for any rejection (an hour held for it is released, a debit credited back), and
  answers arriving later are ignored. Idempotent.
- ``time_out_overdue_sagas`` (use case, run by the scheduled trigger, see
  ``entrypoints/saga_timeouts_trigger``): lists the overdue pending trainings
  (``PendingSagas.overdue_ids``), then times out each one in its own unit of work: a failure for
  one training does not stop the others, and is counted; the next run retries it. Safe to run
  concurrently and repeatedly: each timeout is an optimistic transaction that re-checks the
  training, so at most one run rejects it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.pending_sagas import PendingSagas
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork

T = TypeVar("T")
Runner = Callable[[Callable[[TrainingsUnitOfWork], T]], T]


@dataclass(frozen=True, slots=True)
class TimeOutSaga:
    training_id: str


@dataclass(frozen=True, slots=True)
class SagaTimedOut:
    training_id: str
    user_id: str
    missing: tuple[str, ...]
    """The answers that had not arrived."""
    requested_at: datetime | None
    deadline_at: datetime


@dataclass(frozen=True)
class SagaTimeoutSweep:
    found: int
    timed_out: tuple[SagaTimedOut, ...] = ()
    failures: tuple[str, ...] = field(default=())
    """One line per training that could not be timed out (retried by the next run)."""


def handle_time_out_saga(command: TimeOutSaga, uow: TrainingsUnitOfWork, clock: Clock) -> SagaTimedOut | None:
    """The timeout that was recorded, or None when the training needed none."""
    training = uow.trainings.get(command.training_id)
    if training is None or training.deadline_at is None:
        return None
    missing, deadline_at = training.missing_answers, training.deadline_at
    events = training.time_out(clock.now())
    if not events:
        return None
    uow.trainings.save(training)
    for event in events:
        uow.publish(event)
    return SagaTimedOut(training.training_id, training.user_id, missing, training.requested_at, deadline_at)


def time_out_overdue_sagas(
    pending: PendingSagas,
    run: Runner[SagaTimedOut | None],
    clock: Clock,
    limit: int = 200,
) -> SagaTimeoutSweep:
    ids = pending.overdue_ids(clock.now(), limit)
    timed_out: list[SagaTimedOut] = []
    failures: list[str] = []
    for training_id in ids:
        try:
            result = run(_time_out(TimeOutSaga(training_id), clock))
        except Exception as error:
            failures.append(f"{training_id}: {type(error).__name__}: {error}"[:300])
            continue
        if result is not None:
            timed_out.append(result)
    return SagaTimeoutSweep(found=len(ids), timed_out=tuple(timed_out), failures=tuple(failures))


def _time_out(command: TimeOutSaga, clock: Clock) -> Callable[[TrainingsUnitOfWork], SagaTimedOut | None]:
    def work(uow: TrainingsUnitOfWork) -> SagaTimedOut | None:
        return handle_time_out_saga(command, uow, clock)

    return work
