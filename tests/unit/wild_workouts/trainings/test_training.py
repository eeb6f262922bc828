"""The Training aggregate: booking rules, saga answers, cancel, reschedules and proposals."""

from datetime import datetime, timedelta

import pytest

from tests.unit.wild_workouts.sample_values import NOW, TOMORROW_13, at
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
)
from wild_workouts.shared_kernel.domain_errors import DomainError
from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.domain.training_status import TrainingStatus

pytestmark = pytest.mark.unit

LATER = at(3, 15)
ATTENDEE = Role.ATTENDEE
TRAINER = Role.TRAINER
TAKEN = RejectionCode.HOUR_NOT_AVAILABLE
NO_BALANCE = RejectionCode.INSUFFICIENT_BALANCE


def _pending(hour: datetime = TOMORROW_13) -> Training:
    training, _ = Training.request("t1", "alice", "Alice", hour, "", NOW)
    return training


def _scheduled(hour: datetime = TOMORROW_13) -> Training:
    training = _pending(hour)
    training.record_hour_reserved(hour)
    training.record_balance_debited()
    assert training.status is TrainingStatus.SCHEDULED
    return training


def _code(action: object) -> str:
    with pytest.raises(DomainError) as raised:
        action()  # type: ignore[operator]
    return raised.value.code


@pytest.mark.parametrize(("notes_length", "ok"), [(0, True), (999, True), (1000, True), (1001, False)])
def test_notes_length(notes_length: int, ok: bool) -> None:
    def request() -> None:
        Training.request("t1", "alice", "Alice", TOMORROW_13, "n" * notes_length, NOW)

    if ok:
        request()
    else:
        assert _code(request) == "notes_too_long"


@pytest.mark.parametrize(
    ("hour", "code"),
    [
        (at(0, 11), None),  # the next hour
        (at(0, 10), "invalid_training_hour"),  # the current hour
        (at(0, 9), "invalid_training_hour"),
        (at(1, 13, 30), "invalid_training_hour"),
    ],
)
def test_booking_hour(hour: datetime, code: str | None) -> None:
    if code is None:
        training, event = Training.request("t1", "alice", "Alice", hour, "hi", NOW)
        assert training.status is TrainingStatus.PENDING
        assert event == TrainingScheduleRequested("t1", hour, "alice", "Alice", "hi")
    else:
        assert _code(lambda: Training.request("t1", "alice", "Alice", hour, "", NOW)) == code


@pytest.mark.parametrize("hour_first", [True, False])
def test_both_answers_schedule_in_any_order(hour_first: bool) -> None:
    training = _pending()
    first = training.record_hour_reserved(TOMORROW_13) if hour_first else training.record_balance_debited()
    assert first == []
    second = training.record_balance_debited() if hour_first else training.record_hour_reserved(TOMORROW_13)
    assert second == [TrainingScheduled("t1", TOMORROW_13, "alice")]
    assert training.record_hour_reserved(TOMORROW_13) == []
    assert training.record_balance_debited() == []


@pytest.mark.parametrize("failure", ["hour", "balance"])
def test_first_failure_rejects_and_later_answers_change_nothing(failure: str) -> None:
    training = _pending()
    if failure == "hour":
        events = training.record_hour_reservation_rejected(TOMORROW_13, "hour taken", TAKEN)
    else:
        events = training.record_balance_debit_rejected("balance 0", NO_BALANCE)
    reason = "hour taken" if failure == "hour" else "balance 0"
    code = TAKEN if failure == "hour" else NO_BALANCE
    assert events == [TrainingRejected("t1", TOMORROW_13, "alice", reason, code.value)]
    assert training.record_hour_reserved(TOMORROW_13) == []
    assert training.record_balance_debited() == []
    assert training.record_balance_debit_rejected("again", NO_BALANCE) == []
    assert training.record_hour_reservation_rejected(TOMORROW_13, "again", TAKEN) == []
    assert training.status is TrainingStatus.REJECTED
    assert (training.rejection_reason, training.rejection_code) == (reason, code)


def test_an_answer_about_another_hour_is_not_the_initial_answer() -> None:
    training = _pending()
    assert training.record_hour_reserved(LATER) == []
    assert training.record_hour_reservation_rejected(LATER, "x", TAKEN) == []
    assert training.status is TrainingStatus.PENDING


@pytest.mark.parametrize(
    ("before", "by", "refund"),
    [
        (timedelta(hours=24), ATTENDEE, 1),
        (timedelta(hours=24) - timedelta(seconds=1), ATTENDEE, 0),
        (timedelta(hours=24) - timedelta(seconds=1), TRAINER, 2),
    ],
)
def test_cancel(before: timedelta, by: Role, refund: int) -> None:
    training = _scheduled()
    event = training.cancel(by, TOMORROW_13 - before)
    assert event == TrainingCanceled("t1", TOMORROW_13, "alice", refund, by.value)
    assert training.status is TrainingStatus.CANCELED
    assert _code(lambda: training.cancel(by, NOW)) == "training_not_scheduled"


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_only_scheduled_trainings_can_be_canceled_or_moved(status: str) -> None:
    training = _pending()
    if status == "rejected":
        training.record_balance_debit_rejected("balance 0", NO_BALANCE)
    assert _code(lambda: training.cancel(ATTENDEE, NOW)) == "training_not_scheduled"
    assert _code(lambda: training.reschedule(LATER, ATTENDEE, NOW)) == "training_not_scheduled"
    assert _code(lambda: training.propose_reschedule(LATER, ATTENDEE, NOW)) == "training_not_scheduled"


@pytest.mark.parametrize(
    ("before", "ok"),
    [(timedelta(hours=24), True), (timedelta(hours=24) - timedelta(seconds=1), False)],
)
def test_direct_reschedule_only_24h_before(before: timedelta, ok: bool) -> None:
    in_a_week, later = at(7, 13), at(8, 15)
    training = _scheduled(in_a_week)
    now = in_a_week - before
    if ok:
        event = training.reschedule(later, ATTENDEE, now)
        assert event == TrainingRescheduleRequested("t1", in_a_week, later, 1, "attendee")
        assert training.hour == in_a_week  # keeps its time until the new hour is reserved
    else:
        assert _code(lambda: training.reschedule(later, ATTENDEE, now)) == "too_late_to_reschedule"


def test_reschedule_succeeds_on_the_new_hour_reserved() -> None:
    training = _scheduled()
    training.reschedule(LATER, TRAINER, NOW)
    assert _code(lambda: training.reschedule(at(4, 15), TRAINER, NOW)) == "reschedule_in_progress"
    assert training.record_hour_reserved(TOMORROW_13) == []  # the initial answer again
    assert training.record_hour_reserved(LATER) == [TrainingRescheduled("t1", TOMORROW_13, LATER)]
    assert training.hour == LATER
    assert training.record_hour_reserved(LATER) == []
    assert training.pending_reschedule is None


def test_reschedule_fails_and_keeps_the_old_time_with_the_reason() -> None:
    training = _scheduled()
    training.reschedule(LATER, ATTENDEE, NOW)
    reason = "hour 2026-12-04T15:00:00Z is not_available"
    events = training.record_hour_reservation_rejected(LATER, reason, TAKEN)
    assert events == [TrainingRescheduleFailed("t1", LATER, reason, "hour_not_available")]
    assert training.hour == TOMORROW_13
    assert (training.last_reschedule_failure, training.last_reschedule_failure_code) == (reason, TAKEN)
    assert training.record_hour_reservation_rejected(LATER, "again", TAKEN) == []
    second = training.reschedule(at(4, 15), ATTENDEE, NOW)
    assert second.request_number == 2
    assert (training.last_reschedule_failure, training.last_reschedule_failure_code) == (None, None)


@pytest.mark.parametrize(
    ("new_hour", "code"),
    [
        (TOMORROW_13, "invalid_training_hour"),
        (at(0, 10), "invalid_training_hour"),
        (at(2, 13, 30), "invalid_training_hour"),
    ],
)
def test_reschedule_target_must_be_a_new_future_full_hour(new_hour: datetime, code: str) -> None:
    training = _scheduled()
    assert _code(lambda: training.reschedule(new_hour, ATTENDEE, NOW)) == code


@pytest.mark.parametrize(("proposer", "approver"), [(ATTENDEE, TRAINER), (TRAINER, ATTENDEE)])
def test_only_the_other_side_approves(proposer: Role, approver: Role) -> None:
    training = _scheduled()
    assert training.propose_reschedule(LATER, proposer, NOW) == TrainingRescheduleProposed("t1", LATER, proposer.value)
    assert _code(lambda: training.approve_reschedule(proposer, NOW)) == "own_proposal_approval"
    assert training.approve_reschedule(approver, NOW) == TrainingRescheduleRequested(
        "t1", TOMORROW_13, LATER, 1, approver.value
    )
    assert training.proposal is None
    assert training.record_hour_reserved(LATER) == [TrainingRescheduled("t1", TOMORROW_13, LATER)]


@pytest.mark.parametrize(("proposer", "rejecter"), [(ATTENDEE, ATTENDEE), (ATTENDEE, TRAINER), (TRAINER, TRAINER)])
def test_either_side_rejects(proposer: Role, rejecter: Role) -> None:
    training = _scheduled()
    training.propose_reschedule(LATER, proposer, NOW)
    assert training.reject_reschedule(rejecter) == TrainingRescheduleProposalRejected("t1", LATER, rejecter.value)
    assert _code(lambda: training.reject_reschedule(rejecter)) == "no_reschedule_proposal"
    assert _code(lambda: training.approve_reschedule(TRAINER, NOW)) == "no_reschedule_proposal"


def test_proposal_within_24h_is_allowed_and_blocks_direct_reschedule() -> None:
    training = _scheduled()
    late = TOMORROW_13 - timedelta(hours=2)
    training.propose_reschedule(LATER, ATTENDEE, late)
    assert _code(lambda: training.reschedule(at(5, 13), TRAINER, NOW)) == "reschedule_in_progress"
    training.propose_reschedule(at(5, 13), TRAINER, NOW)  # a counter-proposal replaces it
    assert training.proposal is not None
    assert training.proposal.proposed_by is TRAINER


def test_cancel_clears_a_pending_reschedule_and_late_answers_change_nothing() -> None:
    training = _scheduled()
    training.reschedule(LATER, ATTENDEE, NOW)
    training.cancel(ATTENDEE, NOW)
    assert training.record_hour_reserved(LATER) == []
    assert training.hour == TOMORROW_13


def test_restore_checks_consistency() -> None:
    training = _scheduled()
    fields = {name: getattr(training, name) for name in Training.__dataclass_fields__}
    assert Training.restore(**fields) == training
    with pytest.raises(ValueError, match="refund"):
        Training.restore(**{**fields, "status": TrainingStatus.CANCELED})
