"""The bounded, non-blocking slots for requests that wait (``pipeline_kit.http.wait_slots``)."""

from __future__ import annotations

import threading

import pytest

from pipeline_kit.http.wait_slots import WaitSlots, slots_for_threads

pytestmark = pytest.mark.unit


def test_slots_are_taken_up_to_the_limit_and_given_back_when_the_block_ends() -> None:
    slots = WaitSlots(2)
    first, second = slots.try_acquire(), slots.try_acquire()
    assert first is not None and second is not None
    assert slots.taken == 2
    with first:
        assert slots.try_acquire() is None, "the limit is reached: no third slot"
    assert slots.taken == 1
    third = slots.try_acquire()
    assert third is not None
    with second, third:
        pass
    assert slots.taken == 0


def test_an_exhausted_bound_answers_none_at_once_from_another_thread_too() -> None:
    slots = WaitSlots(1)
    held = slots.try_acquire()
    assert held is not None
    answers: list[object] = []
    other = threading.Thread(target=lambda: answers.append(slots.try_acquire()))
    other.start()
    other.join(timeout=5)
    assert not other.is_alive(), "try_acquire must not block"
    assert answers == [None]
    with held:
        pass
    assert slots.try_acquire() is not None


def test_a_slot_is_given_back_when_its_block_raises() -> None:
    slots = WaitSlots(1)
    slot = slots.try_acquire()
    assert slot is not None
    with pytest.raises(RuntimeError), slot:
        raise RuntimeError("the wait failed")
    assert slots.taken == 0
    assert slots.try_acquire() is not None


def test_a_slot_exited_twice_is_given_back_once() -> None:
    slots = WaitSlots(2)
    slot, other = slots.try_acquire(), slots.try_acquire()
    assert slot is not None and other is not None
    with slot:
        pass
    with slot:
        pass
    assert slots.taken == 1, "the second exit must not free the other request's slot"


def test_limit_zero_declines_every_wait_and_a_negative_limit_is_refused() -> None:
    assert WaitSlots(0).try_acquire() is None
    with pytest.raises(ValueError, match="0 or more"):
        WaitSlots(-1)


def test_many_threads_never_take_more_than_the_limit() -> None:
    slots, limit = WaitSlots(3), 3
    most, lock, start = [0], threading.Lock(), threading.Barrier(12)

    def contend() -> None:
        start.wait()
        for _ in range(200):
            slot = slots.try_acquire()
            if slot is None:
                continue
            with slot, lock:
                most[0] = max(most[0], slots.taken)

    threads = [threading.Thread(target=contend) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 1 <= most[0] <= limit
    assert slots.taken == 0


@pytest.mark.parametrize(("threads", "slots"), [(1, 1), (2, 1), (3, 1), (8, 4), (20, 10), (64, 32)])
def test_a_server_keeps_half_its_threads_for_what_is_not_a_wait(threads: int, slots: int) -> None:
    assert slots_for_threads(threads) == slots
