"""A training (aggregate, id = training id): the booking and its saga state.

The scheduling saga (trainings is the orchestrating side; consumers react to its events):
1. :meth:`Training.request` stores the training ``pending`` → ``TrainingScheduleRequested``.
2. The trainer module answers ``HourReserved`` / ``HourReservationRejected`` (about the
   training's hour); the users module answers ``TrainingBalanceDebited`` /
   ``TrainingBalanceDebitRejected``.
3. The answers arrive in any order, repeated, or late; ``record_*`` collects them: both OK →
   ``scheduled`` + ``TrainingScheduled``; the first failure → ``rejected`` with its reason and code +
   ``TrainingRejected``. Answers for a training no longer ``pending`` change nothing.
4. Compensation is done by the consumers reacting to ``TrainingRejected`` directly: trainer
   releases the hour if it holds it for this training, users credits back the debit if it
   made one (no separate compensation events).
5. Every request has a deadline (``deadline_at``, see ``saga_deadline``): :meth:`time_out`
   past it rejects a training still ``pending`` with ``RejectionCode.TIMED_OUT``, so a lost
   answer never leaves it pending; answers arriving after that change nothing (step 3) and
   the consumers compensate (step 4). ``deadline_at`` is cleared once the training settles.

Cancel (:meth:`cancel`) → ``TrainingCanceled`` with the refund rule; trainer releases the
hour, users credits the refund. A training is canceled at most once (only a ``scheduled`` one
can be, and canceling makes it ``canceled`` for good), so its refund, and a trainer's fine in
it, is decided once per booking; the users module credits it once per training as well.

Started trainings: once its hour has come (``now >= hour`` by the injected clock) a training
can no longer be canceled, rescheduled, proposed a new time or have a proposal approved
(TrainingAlreadyStartedError, ``training_already_started``). It is simply past: nothing happens
to it, it stays ``scheduled`` and counts as attended (the debit stands). Rejecting an open
proposal stays possible: it only drops the proposal.

Reschedule (direct, or approving a proposal) → ``TrainingRescheduleRequested``; the trainer
reserves the new hour first. The answer about the *pending new hour* (told apart from the
initial answer by its hour) either moves the training (``TrainingRescheduled``, after which
the trainer releases the old hour) or fails it (``TrainingRescheduleFailed`` with the reason,
the training keeps its time and ``last_reschedule_failure`` says why, with its code).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from wild_workouts.contracts.trainings_events import (
    TrainingCanceled,
    TrainingRejected,
    TrainingRescheduled,
    TrainingRescheduleFailed,
    TrainingRescheduleProposalRejected,
    TrainingRescheduleProposed,
    TrainingRescheduleRequested,
    TrainingScheduled,
    TrainingScheduleRequested,
    TrainingsEvent,
)
from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.shared_kernel.role import Role
from wild_workouts.shared_kernel.utc_hour import format_utc, to_utc
from wild_workouts.trainings.domain.cancellation_refund import cancellation_refund, is_free_change
from wild_workouts.trainings.domain.errors import (
    InvalidTrainingHourError,
    NoRescheduleProposalError,
    NotesTooLongError,
    OwnProposalApprovalError,
    RescheduleInProgressError,
    TooLateToRescheduleError,
    TrainingAlreadyStartedError,
    TrainingNotScheduledError,
)
from wild_workouts.trainings.domain.reschedule_state import PendingReschedule, RescheduleProposal
from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT, missing_answers
from wild_workouts.trainings.domain.training_hour import validate_training_hour
from wild_workouts.trainings.domain.training_status import TrainingStatus

MAX_NOTES_LENGTH = 1000


@dataclass(slots=True)
class Training:
    """Build with :meth:`request` (validated) or :meth:`restore` (from storage)."""

    training_id: str
    user_id: str
    user_name: str
    hour: datetime
    notes: str
    status: TrainingStatus
    hour_reserved: bool = False
    balance_debited: bool = False
    rejection_reason: str | None = None
    canceled_by: Role | None = None
    refund: int | None = None
    proposal: RescheduleProposal | None = None
    pending_reschedule: PendingReschedule | None = None
    reschedule_count: int = 0
    last_reschedule_failure: str | None = None
    rejection_code: RejectionCode | None = None
    last_reschedule_failure_code: RejectionCode | None = None
    requested_at: datetime | None = None
    """When the booking was requested (None for trainings stored before deadlines existed)."""
    deadline_at: datetime | None = None
    """While ``pending``: when the saga times out (None once settled, or stored before deadlines)."""

    @classmethod
    def request(
        cls,
        training_id: str,
        user_id: str,
        user_name: str,
        hour: datetime,
        notes: str,
        now: datetime,
        saga_timeout: timedelta = DEFAULT_SAGA_TIMEOUT,
    ) -> tuple[Training, TrainingScheduleRequested]:
        if len(notes) > MAX_NOTES_LENGTH:
            raise NotesTooLongError(f"notes may have at most {MAX_NOTES_LENGTH} characters, got {len(notes)}")
        valid_hour = validate_training_hour(hour, now)
        training = cls(training_id, user_id, user_name, valid_hour, notes, TrainingStatus.PENDING)
        training.requested_at = to_utc(now)
        training.deadline_at = training.requested_at + saga_timeout
        event = TrainingScheduleRequested(training_id, valid_hour, user_id, user_name, notes)
        return training, event

    @classmethod
    def restore(
        cls,
        *,
        training_id: str,
        user_id: str,
        user_name: str,
        hour: datetime,
        notes: str,
        status: TrainingStatus,
        hour_reserved: bool,
        balance_debited: bool,
        rejection_reason: str | None,
        canceled_by: Role | None,
        refund: int | None,
        proposal: RescheduleProposal | None,
        pending_reschedule: PendingReschedule | None,
        reschedule_count: int,
        last_reschedule_failure: str | None,
        rejection_code: RejectionCode | None = None,
        last_reschedule_failure_code: RejectionCode | None = None,
        requested_at: datetime | None = None,
        deadline_at: datetime | None = None,
    ) -> Training:
        """Load a stored training; checks only that the stored state is self-consistent."""
        if (status is TrainingStatus.CANCELED) != (refund in (0, 1, 2) and canceled_by is not None):
            raise ValueError(f"stored training {training_id} is {status} with refund {refund}")
        if deadline_at is not None and status is not TrainingStatus.PENDING:
            raise ValueError(f"stored training {training_id} is {status} with a saga deadline")
        return cls(
            training_id,
            user_id,
            user_name,
            to_utc(hour),
            notes,
            status,
            hour_reserved,
            balance_debited,
            rejection_reason,
            canceled_by,
            refund,
            proposal,
            pending_reschedule,
            reschedule_count,
            last_reschedule_failure,
            rejection_code,
            last_reschedule_failure_code,
            None if requested_at is None else to_utc(requested_at),
            None if deadline_at is None else to_utc(deadline_at),
        )

    # --- saga answers -------------------------------------------------------------------

    def record_hour_reserved(self, hour: datetime) -> list[TrainingsEvent]:
        hour = to_utc(hour)
        if self.status is TrainingStatus.PENDING and hour == self.hour:
            self.hour_reserved = True
            return self._schedule_if_complete()
        if self._is_pending_reschedule_to(hour) and self.pending_reschedule is not None:
            old_hour = self.hour
            self.hour = hour
            self.pending_reschedule = None
            self.last_reschedule_failure = None
            self.last_reschedule_failure_code = None
            return [TrainingRescheduled(self.training_id, old_hour, hour)]
        return []

    def record_hour_reservation_rejected(
        self, hour: datetime, reason: str, code: RejectionCode
    ) -> list[TrainingsEvent]:
        hour = to_utc(hour)
        if self.status is TrainingStatus.PENDING and hour == self.hour:
            return self._reject(reason, code)
        if self._is_pending_reschedule_to(hour):
            self.pending_reschedule = None
            self.last_reschedule_failure = reason
            self.last_reschedule_failure_code = code
            return [TrainingRescheduleFailed(self.training_id, hour, reason, code.value)]
        return []

    def record_balance_debited(self) -> list[TrainingsEvent]:
        if self.status is not TrainingStatus.PENDING:
            return []
        self.balance_debited = True
        return self._schedule_if_complete()

    def record_balance_debit_rejected(self, reason: str, code: RejectionCode) -> list[TrainingsEvent]:
        if self.status is not TrainingStatus.PENDING:
            return []
        return self._reject(reason, code)

    def time_out(self, now: datetime) -> list[TrainingsEvent]:
        """Past its deadline, a training still ``pending`` is rejected (``TIMED_OUT``); otherwise
        (not pending, no deadline, not due yet) nothing changes. Idempotent."""
        if self.status is not TrainingStatus.PENDING or self.deadline_at is None or to_utc(now) < self.deadline_at:
            return []
        missing = [f"the {name.replace('_', ' ')}" for name in self.missing_answers]
        verb = "were" if len(missing) > 1 else "was"
        reason = f"no answer in time: {' and '.join(missing)} {verb} not confirmed by {format_utc(self.deadline_at)}"
        return self._reject(reason, RejectionCode.TIMED_OUT)

    @property
    def missing_answers(self) -> tuple[str, ...]:
        """While pending: the answers still awaited (``saga_deadline.HOUR_RESERVATION`` / ``BALANCE_DEBIT``)."""
        if self.status is not TrainingStatus.PENDING:
            return ()
        return missing_answers(self.hour_reserved, self.balance_debited)

    # --- commands -----------------------------------------------------------------------

    def cancel(self, by: Role, now: datetime) -> TrainingCanceled:
        """Once, while scheduled and not started; the refund (with a trainer's fine) is decided here."""
        self._require_scheduled("cancel")
        self._refuse_if_started("cancel", now)
        refund = cancellation_refund(self.hour, now, by)
        self.status = TrainingStatus.CANCELED
        self.canceled_by = by
        self.refund = refund
        self.proposal = None
        self.pending_reschedule = None
        return TrainingCanceled(self.training_id, self.hour, self.user_id, refund, by.value)

    def reschedule(self, new_hour: datetime, by: Role, now: datetime) -> TrainingRescheduleRequested:
        """Direct reschedule: only while the training is 24 h or more away."""
        self._require_scheduled("reschedule")
        self._refuse_if_started("reschedule", now)
        if not is_free_change(self.hour, now):
            raise TooLateToRescheduleError(
                f"a training can be rescheduled directly only 24 h or more before it "
                f"(it starts {format_utc(self.hour)}); propose a new time instead"
            )
        if self.proposal is not None:
            raise RescheduleInProgressError(
                f"a reschedule to {format_utc(self.proposal.new_hour)} is proposed; approve or reject it first"
            )
        return self._start_reschedule(new_hour, by, now)

    def propose_reschedule(self, new_hour: datetime, by: Role, now: datetime) -> TrainingRescheduleProposed:
        """Propose (or replace the open proposal with) a new time; no 24 h limit, but not once
        the training has started."""
        self._require_scheduled("propose a new time for")
        self._refuse_if_started("propose a new time for", now)
        valid = self._valid_new_hour(new_hour, now)
        self._refuse_if_moving()
        self.proposal = RescheduleProposal(valid, by)
        return TrainingRescheduleProposed(self.training_id, valid, by.value)

    def approve_reschedule(self, by: Role, now: datetime) -> TrainingRescheduleRequested:
        self._require_scheduled("approve a new time for")
        self._refuse_if_started("approve a new time for", now)
        proposal = self._open_proposal()
        if proposal.proposed_by is by:
            raise OwnProposalApprovalError(f"the {by.value} proposed this new time; only the other side can approve it")
        event = self._start_reschedule(proposal.new_hour, by, now)
        self.proposal = None
        return event

    def reject_reschedule(self, by: Role) -> TrainingRescheduleProposalRejected:
        self._require_scheduled("reject a new time for")
        proposal = self._open_proposal()
        self.proposal = None
        return TrainingRescheduleProposalRejected(self.training_id, proposal.new_hour, by.value)

    # --- internals ----------------------------------------------------------------------

    def _schedule_if_complete(self) -> list[TrainingsEvent]:
        if not (self.hour_reserved and self.balance_debited):
            return []
        self.status = TrainingStatus.SCHEDULED
        self.deadline_at = None
        return [TrainingScheduled(self.training_id, self.hour, self.user_id)]

    def _reject(self, reason: str, code: RejectionCode) -> list[TrainingsEvent]:
        self.status = TrainingStatus.REJECTED
        self.deadline_at = None
        self.rejection_reason = reason
        self.rejection_code = code
        return [TrainingRejected(self.training_id, self.hour, self.user_id, reason, code.value)]

    def _is_pending_reschedule_to(self, hour: datetime) -> bool:
        return (
            self.status is TrainingStatus.SCHEDULED
            and self.pending_reschedule is not None
            and self.pending_reschedule.new_hour == hour
        )

    def _start_reschedule(self, new_hour: datetime, by: Role, now: datetime) -> TrainingRescheduleRequested:
        valid = self._valid_new_hour(new_hour, now)
        self._refuse_if_moving()
        self.reschedule_count += 1
        self.pending_reschedule = PendingReschedule(valid, self.reschedule_count, by)
        self.last_reschedule_failure = None
        self.last_reschedule_failure_code = None
        return TrainingRescheduleRequested(self.training_id, self.hour, valid, self.reschedule_count, by.value)

    def _valid_new_hour(self, new_hour: datetime, now: datetime) -> datetime:
        valid = validate_training_hour(new_hour, now)
        if valid == self.hour:
            raise InvalidTrainingHourError(f"the new hour must differ from the training's hour {format_utc(self.hour)}")
        return valid

    def _refuse_if_moving(self) -> None:
        if self.pending_reschedule is not None:
            raise RescheduleInProgressError(
                f"the training is already being moved to "
                f"{format_utc(self.pending_reschedule.new_hour)}; wait for the answer"
            )

    def _open_proposal(self) -> RescheduleProposal:
        if self.proposal is None:
            raise NoRescheduleProposalError(
                f"training {self.training_id} has no proposed new time to approve or reject"
            )
        return self.proposal

    def has_started(self, now: datetime) -> bool:
        """True from the training's hour on (its hour is now or past)."""
        return to_utc(now) >= self.hour

    def _refuse_if_started(self, action: str, now: datetime) -> None:
        if self.has_started(now):
            raise TrainingAlreadyStartedError(
                f"cannot {action} training {self.training_id}: it started {format_utc(self.hour)}; "
                f"a started training is simply past (it stays scheduled and counts as attended)"
            )

    def _require_scheduled(self, action: str) -> None:
        if self.status is not TrainingStatus.SCHEDULED:
            raise TrainingNotScheduledError(
                f"cannot {action} training {self.training_id}: it is {self.status.value}; "
                f"only a scheduled training allows it"
            )
