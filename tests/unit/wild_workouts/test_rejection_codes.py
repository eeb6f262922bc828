"""Every rejection carries a stable code: the trainer's reservation answers, the users' debit
answers (first time and repeated), and the classification of reasons written without one."""

from __future__ import annotations

import pytest

from tests.unit.wild_workouts.sample_values import NOW, TOMORROW_13, at
from wild_workouts.shared_kernel.rejection_code import RejectionCode, code_for_reason, rejection_code_of
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.hour_reservation import reserve_hour
from wild_workouts.trainer.domain.training_reservations import TrainingReservations
from wild_workouts.users.domain.account import Account
from wild_workouts.users.domain.training_charges import charge_for_request, credit_rejected

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("hour", "time", "code"),
    [
        (None, TOMORROW_13, "hour_not_available"),
        (Hour.restore(TOMORROW_13, Availability.NOT_AVAILABLE, None), TOMORROW_13, "hour_not_available"),
        (Hour.restore(TOMORROW_13, Availability.TRAINING_SCHEDULED, "other"), TOMORROW_13, "hour_not_available"),
        (Hour.restore(at(0, 10), Availability.AVAILABLE, None), at(0, 10), "hour_in_past"),
    ],
)
def test_a_refused_reservation_has_its_code_and_a_repeat_gets_it_again(
    hour: Hour | None, time: object, code: str
) -> None:
    reservations = TrainingReservations.open("t1")
    first = reserve_hour(reservations, hour, time, "schedule", NOW)  # type: ignore[arg-type]
    again = reserve_hour(reservations, hour, time, "schedule", NOW)  # type: ignore[arg-type]
    assert (first.answer.reason_code, again.answer.reason_code) == (code, code)  # type: ignore[union-attr]
    assert again.answer == first.answer


def test_a_closed_training_is_refused_as_training_closed() -> None:
    reservations = TrainingReservations.open("t1")
    reservations.close()
    outcome = reserve_hour(reservations, Hour.restore(TOMORROW_13, Availability.AVAILABLE, None), TOMORROW_13, "s", NOW)
    assert outcome.answer.reason_code == "training_closed"  # type: ignore[union-attr]


def test_debit_refusals_are_insufficient_balance_or_training_closed() -> None:
    account = Account.open("alice")
    first = charge_for_request(account, None, "t1")
    assert first.event is not None and first.event.reason_code == "insufficient_balance"  # type: ignore[union-attr]
    repeat = charge_for_request(account, first.entry, "t1")
    assert repeat.event is not None and repeat.event.reason_code == "insufficient_balance"  # type: ignore[union-attr]
    closed = credit_rejected(account, None, "t2").entry
    late = charge_for_request(account, closed, "t2")
    assert late.event is not None and late.event.reason_code == "training_closed"  # type: ignore[union-attr]


def test_unknown_or_missing_codes_and_reasons_read_as_unknown() -> None:
    assert rejection_code_of("hour_in_past") is RejectionCode.HOUR_IN_PAST
    assert rejection_code_of("from_the_future") is RejectionCode.UNKNOWN
    assert rejection_code_of(None) is RejectionCode.UNKNOWN
    assert code_for_reason(None) is RejectionCode.UNKNOWN
    assert code_for_reason("training balance is 0; booking a training needs at least 1") is (
        RejectionCode.INSUFFICIENT_BALANCE
    )
