"""Use case: time out every overdue saga (run by the scheduled trigger, see ``saga_timeouts``).

Lists the overdue pending trainings (``PendingSagas.overdue_ids``), then times out each one in
its own unit of work (``handle_time_out_saga``): a failure for one training does not stop the
others, and is counted; the next run retries it. Safe to run concurrently and repeatedly: each
timeout is an optimistic transaction that re-checks the training, so at most one run rejects it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.pending_sagas import PendingSagas
from wild_workouts.trainings.app.time_out_saga import SagaTimedOut, TimeOutSaga, handle_time_out_saga
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork

T = TypeVar("T")
Runner = Callable[[Callable[[TrainingsUnitOfWork], T]], T]


@dataclass(frozen=True)
class SagaTimeoutSweep:
    found: int
    timed_out: tuple[SagaTimedOut, ...] = ()
    failures: tuple[str, ...] = field(default=())
    """One line per training that could not be timed out (retried by the next run)."""


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
