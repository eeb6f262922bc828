"""The benchmark harness, short form: every phase runs end to end on real emulators and writes
its results. Speeds are not asserted (they depend on the machine); completeness is. The booking
and soak sections have their own short forms (``tests/bench/test_scale_short_forms.py``).
Each pair with its anchor, push auth on, and the server CPU per event are checked here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("baseline", "calendar", "transactional", "ledger")


@pytest.fixture(scope="module")
def short_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench")
    subprocess.run(
        [sys.executable, "-m", "bench", "--short", "--without-sections", "--out", str(out)],
        cwd=REPO_ROOT,
        check=True,
        timeout=240,
    )
    return out, json.loads((out / "benchmark.json").read_text())


def test_every_direct_request_is_acked(short_run: tuple[Path, dict[str, Any]]) -> None:
    _, results = short_run
    for name in TARGETS:
        direct = results["direct"][name]
        assert direct["statuses"] == {"204": direct["events"]}, name
        assert results["memory"][name]["rss_mib"] > 0
        assert direct["server_cpu_ms_per_event"] > 0


def test_every_pushed_event_is_committed_and_timed(short_run: tuple[Path, dict[str, Any]]) -> None:
    _, results = short_run
    for phase in ("push", "latency"):
        for name in TARGETS:
            run = results[phase][name]
            assert run["committed"] == run["events"] > 0, (phase, name)
            assert len(run["latencies_ms"]) == run["events"]
            assert all(latency > 0 for latency in run["latencies_ms"])


def test_cold_starts_and_ceilings_are_measured(short_run: tuple[Path, dict[str, Any]]) -> None:
    _, results = short_run
    for name in TARGETS:
        assert len(results["cold_start"][name]["samples_ms"]) == results["sizes"]["cold_launches"]
        assert results["cold_start"][name]["median_ms"] > 0
        assert results["emulator_ceiling"][name] > 0


def test_rpcs_per_event_are_counted_by_the_kit(short_run: tuple[Path, dict[str, Any]]) -> None:
    _, results = short_run
    calendar = results["rpcs_per_event"]["calendar"]["first_delivery"]
    assert (calendar["reads"], calendar["commits"], calendar["mark_sent_commits"]) == (0, 1, 0)
    ledger = results["rpcs_per_event"]["ledger"]["first_delivery"]
    # Mark-sent commits are deferred and shared by the events handled within the marker's linger:
    # at least one for the phase, at most one per event.
    assert ledger["publishes"] == 1 and 1 / ledger["events"] <= ledger["mark_sent_commits"] <= 1
    assert ledger["commits"] - ledger["mark_sent_commits"] == pytest.approx(1)
    assert ledger["unit_of_work_round_trips"] == pytest.approx(2)


def test_every_pair_is_reported_against_its_anchor_with_push_auth_on(short_run: tuple[Path, dict[str, Any]]) -> None:
    out, results = short_run
    assert results["push_auth"].startswith("on")
    for name in TARGETS:
        assert results["latency"][name]["offered_events_per_second"] > 0
    summary = (out / "summary.md").read_text()
    assert "`trainer_calendar` vs the naive blind write" in summary
    assert "`users_on_trainings` vs the naive transactional consumer" in summary
    assert summary.count("| 2b. throughput, direct") == 2


def test_kit_overhead_and_report_files_are_written(short_run: tuple[Path, dict[str, Any]]) -> None:
    out, results = short_run
    for level in ("functions_framework", "handler"):
        assert results["kit_overhead"][level]["kit_rps"] > 0
        assert results["kit_overhead"][level]["bare_rps"] > 0
    assert (out / "latency.png").read_bytes().startswith(b"\x89PNG")
    summary = (out / "summary.md").read_text()
    assert "| 1. cold start" in summary and "latency.png" in summary
