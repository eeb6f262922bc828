"""The first request of a process runs with the garbage collector paused, then what it loaded
is frozen and the collector resumes; later requests are left alone."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from pipeline_kit.http import first_request
from pipeline_kit.http.first_request import gc_paused_on_first_request

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def _fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(first_request, "_started", False)
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_first_call_runs_paused_then_freezes_and_resumes() -> None:
    seen: list[bool] = []

    @gc_paused_on_first_request
    def entry(value: int) -> int:
        seen.append(gc.isenabled())
        return value * 2

    gc.unfreeze()
    assert entry(21) == 42
    assert seen == [False]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    assert entry(1) == 2
    assert seen == [False, True]


def test_the_collector_resumes_when_the_first_request_fails() -> None:
    @gc_paused_on_first_request
    def entry() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        entry()
    assert gc.isenabled()


def test_a_collector_that_was_off_is_left_off() -> None:
    gc.disable()
    frozen_before = gc.get_freeze_count()

    @gc_paused_on_first_request
    def entry() -> bool:
        return gc.isenabled()

    assert entry() is False
    assert not gc.isenabled()
    assert gc.get_freeze_count() == frozen_before


def test_only_one_entry_point_pauses_per_process() -> None:
    states: list[bool] = []

    @gc_paused_on_first_request
    def api() -> None:
        states.append(gc.isenabled())

    @gc_paused_on_first_request
    def push() -> None:
        states.append(gc.isenabled())

    api()
    push()
    assert states == [False, True]
