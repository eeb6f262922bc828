"""The redrive's token bucket, on a fake clock: the rate holds, the burst is bounded, idle time
does not build up more than the burst."""

from __future__ import annotations

import itertools

import pytest

from ops.cli_support.operator_error import OperatorError
from ops.dlq.token_bucket import TokenBucket, parse_rate

pytestmark = pytest.mark.unit


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.slept.append(seconds)
        self.now += seconds


def test_n_takes_last_n_minus_one_intervals_and_the_first_is_immediate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(5.0, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(11):
        bucket.take()
        times.append(clock.now)
    assert times[0] == 1000.0
    assert times[-1] - times[0] == pytest.approx(10 / 5.0)
    assert all(b - a == pytest.approx(0.2) for a, b in itertools.pairwise(times))


def test_idle_time_refills_only_up_to_the_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(2.0, burst=3, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        bucket.take()
    assert clock.slept == []  # a full bucket: three at once
    clock.now += 3600  # an hour idle earns 3 tokens, not 7200
    start = clock.now
    for _ in range(5):
        bucket.take()
    assert clock.now - start == pytest.approx(2 / 2.0)


def test_rates_parse_per_second_minute_and_hour() -> None:
    assert [parse_rate(t) for t in ("10/s", "5", "120/m", "3600/h", "0.5/s")] == [10, 5, 2, 1, 0.5]
    for bad in ("0/s", "fast", "-1/s", "10/d", ""):
        with pytest.raises(OperatorError):
            parse_rate(bad)
