"""The trainer's hour rules at their exact boundaries, and the policy's own validation."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.unit.wild_workouts.sample_values import NOW, at
from wild_workouts.shared_kernel.domain_errors import InvalidInputError
from wild_workouts.trainer.domain.errors import InvalidHourPolicyError
from wild_workouts.trainer.domain.hour_policy import HourPolicy

pytestmark = pytest.mark.unit

POLICY = HourPolicy()


@pytest.mark.parametrize(
    ("time", "accepted_or_code"),
    [
        (at(1, 12), None),
        (at(1, 20), None),
        (at(1, 16), None),
        (at(1, 21), "hour_too_late"),
        (at(1, 11), "hour_too_early"),
        (at(1, 0), "hour_too_early"),
        (at(1, 23), "hour_too_late"),
        (at(1, 13, 30), "hour_not_full"),
        (at(1, 13).replace(second=1), "hour_not_full"),
        (at(1, 13).replace(microsecond=1), "hour_not_full"),
        (at(0, 10), "hour_in_past"),  # the current hour
        (at(0, 9), "hour_in_past"),
        (at(-1, 13), "hour_in_past"),
        (at(42, 20), None),  # 6 weeks ahead, last opening hour of that day
        (at(42, 12), None),
        (at(43, 12), "hour_too_far_ahead"),  # 6 weeks + 1 day
    ],
)
def test_hour_rules(time: datetime, accepted_or_code: str | None) -> None:
    if accepted_or_code is None:
        assert POLICY.validate(time, NOW) == time
    else:
        with pytest.raises(InvalidInputError) as raised:
            POLICY.validate(time, NOW)
        assert raised.value.code == accepted_or_code


def test_the_next_hour_is_accepted_when_open() -> None:
    policy = HourPolicy(min_utc_hour=0, max_utc_hour=24)
    assert policy.validate(at(0, 11), NOW) == at(0, 11)


def test_a_non_utc_hour_is_normalised_to_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    local = datetime(2026, 12, 2, 15, tzinfo=plus_two)
    assert POLICY.validate(local, NOW) == datetime(2026, 12, 2, 13, tzinfo=UTC)
    assert POLICY.validate(local, NOW).tzinfo is UTC


def test_a_naive_hour_is_refused() -> None:
    with pytest.raises(InvalidInputError) as raised:
        POLICY.validate(datetime(2026, 12, 2, 13), NOW)
    assert raised.value.code == "naive_datetime"


@pytest.mark.parametrize(
    ("time", "message"),
    [
        (at(1, 21), "too late hour, max UTC hour 20, got 2026-12-02T21:00:00Z"),
        (at(1, 11), "too early hour, min UTC hour 12, got 2026-12-02T11:00:00Z"),
        (at(43, 12), "at most 6 weeks (until 2027-01-12 UTC), got 2027-01-13T12:00:00Z"),
        (at(0, 10), "after the current hour 2026-12-01T10:00:00Z, got 2026-12-01T10:00:00Z"),
        (at(1, 13, 30), "full UTC hour (minutes, seconds and fractions zero), got 2026-12-02T13:30"),
    ],
)
def test_messages_say_what_is_wrong_and_what_is_allowed(time: datetime, message: str) -> None:
    with pytest.raises(InvalidInputError, match=None) as raised:
        POLICY.validate(time, NOW)
    assert message in raised.value.message


@pytest.mark.parametrize(
    ("min_hour", "max_hour", "weeks"),
    [(-1, 20, 6), (12, 25, 6), (21, 20, 6), (12, 20, 0), (25, 25, 1)],
)
def test_invalid_policies_are_refused(min_hour: int, max_hour: int, weeks: int) -> None:
    with pytest.raises(InvalidHourPolicyError):
        HourPolicy(min_utc_hour=min_hour, max_utc_hour=max_hour, max_weeks_ahead=weeks)


@pytest.mark.parametrize(("min_hour", "max_hour", "weeks"), [(0, 24, 1), (12, 12, 6), (0, 0, 52)])
def test_edge_policies_are_accepted(min_hour: int, max_hour: int, weeks: int) -> None:
    policy = HourPolicy(min_utc_hour=min_hour, max_utc_hour=max_hour, max_weeks_ahead=weeks)
    assert policy.max_days_ahead == 7 * weeks


def test_a_one_week_policy_counts_calendar_days() -> None:
    policy = HourPolicy(max_weeks_ahead=1)
    assert policy.validate(at(7, 20), NOW) == at(7, 20)
    with pytest.raises(InvalidInputError):
        policy.validate(at(8, 12), NOW)
