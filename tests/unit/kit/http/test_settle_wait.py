"""The bounded, backed-off wait until a read value settles, on a fake clock (instant)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline_kit.http.settle_wait import Backoff, wait_until_settled

pytestmark = pytest.mark.unit


class FakeWaitClock:
    """Time moves only when the code under test sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0, "a sleep of zero would be a busy loop"
        self.sleeps.append(seconds)
        self.now += seconds


def _settles_at(clock: FakeWaitClock, at: float) -> Callable[[], str]:
    def read() -> str:
        return "done" if clock.now >= at else "pending"

    return read


def test_already_settled_reads_once_and_never_sleeps() -> None:
    clock = FakeWaitClock()
    outcome = wait_until_settled(lambda: "done", lambda value: value == "done", 10, clock=clock)
    assert (outcome.value, outcome.settled, outcome.reads) == ("done", True, 1)
    assert clock.sleeps == []


def test_settling_in_time_returns_the_settled_value_early() -> None:
    clock = FakeWaitClock()
    outcome = wait_until_settled(_settles_at(clock, 100.3), lambda value: value == "done", 10, clock=clock)
    assert (outcome.value, outcome.settled) == ("done", True)
    assert clock.sleeps == pytest.approx([0.025, 0.05, 0.1, 0.2])
    assert outcome.waited_seconds == pytest.approx(0.375)
    assert outcome.reads == 5


def test_never_settling_gives_up_at_the_deadline_with_the_last_value() -> None:
    clock = FakeWaitClock()
    outcome = wait_until_settled(lambda: "pending", lambda value: value == "done", 10, clock=clock)
    assert (outcome.value, outcome.settled) == ("pending", False)
    assert sum(clock.sleeps) == pytest.approx(10.0)
    assert clock.now == pytest.approx(110.0)
    assert outcome.reads == len(clock.sleeps) + 1


def test_intervals_grow_and_are_capped_and_the_last_is_cut_at_the_deadline() -> None:
    clock = FakeWaitClock()
    wait_until_settled(lambda: 0, lambda _: False, 2, clock=clock, backoff=Backoff(0.1, 3.0, 0.5))
    assert clock.sleeps == pytest.approx([0.1, 0.3, 0.5, 0.5, 0.5, 0.1])


def test_a_zero_timeout_reads_once() -> None:
    clock = FakeWaitClock()
    outcome = wait_until_settled(lambda: "pending", lambda value: value == "done", 0, clock=clock)
    assert (outcome.settled, outcome.reads, clock.sleeps) == (False, 1, [])


def test_a_read_error_propagates() -> None:
    def read() -> str:
        raise RuntimeError("storage down")

    with pytest.raises(RuntimeError, match="storage down"):
        wait_until_settled(read, lambda _: True, 5, clock=FakeWaitClock())


@pytest.mark.parametrize("arguments", [(0.0, 2.0, 1.0), (1.0, 2.0, 0.5), (0.1, 0.5, 1.0)])
def test_a_backoff_that_could_spin_or_shrink_is_refused(arguments: tuple[float, float, float]) -> None:
    with pytest.raises(ValueError, match="backoff"):
        Backoff(*arguments)
