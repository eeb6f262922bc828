"""Command: reject one pending training whose saga deadline has passed (``timed_out``).

Re-reads the training in its own unit of work: if it settled meanwhile, or its deadline is
not due, nothing is written and nothing published. Otherwise it is ``rejected`` with
``RejectionCode.TIMED_OUT`` and ``TrainingRejected`` goes to the outbox in the same commit;
the trainer and users modules compensate as for any rejection (an hour held for it is
released, a debit credited back), and answers arriving later are ignored. Idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


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
