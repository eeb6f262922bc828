"""Hour availability transitions (table-driven) and the storage path."""

from collections.abc import Callable

import pytest

from tests.unit.wild_workouts.sample_values import NOW, TOMORROW_13, at
from wild_workouts.shared_kernel.domain_errors import DomainError, InvalidInputError
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour import Hour
from wild_workouts.trainer.domain.hour_policy import HourPolicy

pytestmark = pytest.mark.unit

A = Availability.AVAILABLE
N = Availability.NOT_AVAILABLE
S = Availability.TRAINING_SCHEDULED


def _hour(availability: Availability) -> Hour:
    return Hour.restore(TOMORROW_13, availability, "t1" if availability is S else None)


ACTIONS: dict[str, Callable[[Hour], object]] = {
    "make_available": lambda hour: hour.make_available(),
    "make_not_available": lambda hour: hour.make_not_available(),
    "schedule_training": lambda hour: hour.schedule_training("t2"),
    "cancel_training": lambda hour: hour.cancel_training(),
}


@pytest.mark.parametrize(
    ("start", "action", "end_or_code"),
    [
        (N, "make_available", A),
        (A, "make_available", A),
        (S, "make_available", "hour_has_training_scheduled"),
        (A, "make_not_available", N),
        (N, "make_not_available", N),
        (S, "make_not_available", "hour_has_training_scheduled"),
        (A, "schedule_training", S),
        (N, "schedule_training", "hour_not_available"),
        (S, "schedule_training", "hour_not_available"),
        (S, "cancel_training", A),
        (A, "cancel_training", "no_training_scheduled"),
        (N, "cancel_training", "no_training_scheduled"),
    ],
)
def test_transitions(start: Availability, action: str, end_or_code: Availability | str) -> None:
    hour = _hour(start)
    if isinstance(end_or_code, Availability):
        ACTIONS[action](hour)
        assert hour.availability is end_or_code
        assert (hour.training_id is not None) == (end_or_code is S)
    else:
        with pytest.raises(DomainError) as raised:
            ACTIONS[action](hour)
        assert raised.value.code == end_or_code
        assert hour.availability is start


def test_make_available_reports_whether_it_changed() -> None:
    hour = _hour(N)
    assert hour.make_available() is True
    assert hour.make_available() is False


def test_cancel_returns_the_training_that_held_it() -> None:
    hour = _hour(A)
    hour.schedule_training("t9")
    assert hour.training_id == "t9"
    assert hour.cancel_training() == "t9"
    assert hour.training_id is None


def test_create_validates_and_starts_not_available() -> None:
    hour = Hour.create(TOMORROW_13, HourPolicy(), NOW)
    assert hour.availability is N
    assert hour.id == "2026-12-02T13:00:00Z"
    with pytest.raises(InvalidInputError):
        Hour.create(at(1, 21), HourPolicy(), NOW)


def test_restore_does_not_apply_the_policy_but_checks_consistency() -> None:
    past = Hour.restore(at(-3, 8), A, None)
    assert past.availability is A
    with pytest.raises(ValueError, match="training"):
        Hour.restore(TOMORROW_13, S, None)
    with pytest.raises(ValueError, match="training"):
        Hour.restore(TOMORROW_13, A, "t1")
    with pytest.raises(ValueError, match="full"):
        Hour.restore(at(1, 13, 30), A, None)


def test_refusal_message_names_the_training_and_the_way_out() -> None:
    with pytest.raises(DomainError) as raised:
        _hour(S).make_not_available()
    assert "training t1 is scheduled" in raised.value.message
    assert "cancel the training first" in raised.value.message
