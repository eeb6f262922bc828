"""Short form of the fault run (in the test command): ≥ 200 events under every fault, lost
answers included: the saga deadline times them out, compensates them, and leaves 0 pending."""

from __future__ import annotations

import pytest

from tests.faults.fault_run import FaultPlan, run_faults

pytestmark = pytest.mark.faults


def test_the_flows_survive_duplicates_kills_aborts_publish_failures_lost_answers_and_poison() -> None:
    report = run_faults(FaultPlan())
    print("\nfault run (short form):\n" + "\n".join(report.lines()))  # noqa: T201 - the figures are the output
    assert report.problems == []
    assert report.events >= 200
    assert report.kills >= 3
    assert report.duplicates_injected > 0 and report.duplicates_acked > 0
    assert report.aborted_injected > 0 and report.publish_failed_injected > 0
    assert report.push_retries > 0
    assert report.dead_letters > 0
    assert report.lost_answers_injected > 0
    assert report.sagas_timed_out > 0
    assert report.sagas_compensated > 0
    assert report.sagas_left_pending == 0
