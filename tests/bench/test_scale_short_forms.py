"""The booking and soak harnesses, short form: each runs end to end on real emulators (the whole
local stack for the booking) and writes its JSON and plot with every figure the report reads.
Speeds are not asserted (they depend on the machine); completeness and correctness are."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.scale_report import render_booking_section, render_soak_section

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run(module: str, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", module, "--short", "--out", str(out)],
        cwd=REPO_ROOT,
        check=True,
        timeout=240,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def booking(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("booking")
    _run("bench.booking_latency", out)
    return out, json.loads((out / "booking.json").read_text())


@pytest.fixture(scope="module")
def soak(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("soak")
    _run("bench.soak", out)
    return out, json.loads((out / "soak.json").read_text())


def test_every_booking_settles_and_is_timed_per_hop(booking: tuple[Path, dict[str, Any]]) -> None:
    out, results = booking
    assert (out / "booking_latency.png").stat().st_size > 0
    assert {phase["mode"] for phase in results["phases"]} == {"plain", "wait"}
    for phase in results["phases"]:
        assert phase["bookings"] > 0
        assert phase["final"] == phase["bookings"] == phase["final_statuses"]["scheduled"], phase["mode"]
        assert len(phase["end_to_end_ms"]) == phase["bookings"]
        for figure in ("end_to_end", "answer"):
            assert all(not math.isnan(phase[figure][f"p{rank}_ms"]) for rank in (50, 95, 99))
        assert phase["hops"]["bookings"] == phase["bookings"]
        assert all(phase["hops"][segment]["p50_ms"] >= 0 for segment in ("push_wait_1", "push_wait_2"))
        assert 0 < phase["hops"]["push_wait_share"] < 1
        assert phase["functions_cpu_seconds_per_booking"] > 0
        assert phase["subscriptions"]["trainings-on-users"]["peak_in_flight"] >= 1
    plain = next(p for p in results["phases"] if p["mode"] == "plain")
    wait = next(p for p in results["phases"] if p["mode"] == "wait")
    assert plain["answer_statuses"] == {"202": plain["bookings"]}
    assert plain["settled_in_answer"] == 0
    assert set(wait["answer_statuses"]) <= {"200", "202"}
    assert wait["settled_in_answer"] == wait["answer_statuses"].get("200", 0)


def test_a_booking_is_counted_in_billed_units(booking: tuple[Path, dict[str, Any]]) -> None:
    _, results = booking
    for mark_sent in ("deferred", "inline"):
        costs = results["costs"][mark_sent]
        assert costs["final_statuses"] == {"scheduled": costs["bookings"]}
        firestore, pubsub, run = costs["firestore"], costs["pubsub"], costs["cloud_run"]
        # Four events per scheduled booking, each in the outbox (created, then marked sent).
        assert pubsub["messages_published"] == 4
        assert firestore["writes_by_collection"]["outbox"] == 8
        # Every consumer that handles a message writes its processed marker.
        assert firestore["writes_by_collection"]["processed_events"] == pubsub["push_deliveries"]
        assert pubsub["billed_deliveries"] >= pubsub["push_deliveries"]
        assert firestore["documents_deleted_by_ttl_later"] == 4 + pubsub["push_deliveries"]
        assert run["requests"] == 1 + pubsub["push_deliveries"]
        assert run["request_wall_ms"] > 0


def test_the_soak_samples_every_resource(soak: tuple[Path, dict[str, Any]]) -> None:
    out, results = soak
    assert (out / "soak_rss.png").stat().st_size > 0
    assert results["acked"] == results["events"]
    assert results["statuses"] == {"204": results["events"]}
    assert len(results["samples"]) >= 3
    sample = results["samples"][-1]
    assert sample["processes"] == 2  # gunicorn master and its worker
    assert sample["rss_mib"] > 0 and sample["open_fds"] > 0 and sample["threads"] > 0
    for name in ("rss_mib", "open_fds", "threads"):
        trend = results["trends"][name]
        assert trend["samples"] >= 3
        assert not math.isnan(trend["slope_per_10k"]) and not math.isnan(trend["noise_2sigma"])


def test_both_sections_render(booking: tuple[Path, dict[str, Any]], soak: tuple[Path, dict[str, Any]]) -> None:
    booking_md = render_booking_section(booking[1], "booking_latency.png")
    soak_md = render_soak_section(soak[1], "soak_rss.png")
    assert "| 5/s | 202 at once |" in booking_md and "Prefer: wait=" in booking_md
    assert "nan" not in booking_md
    assert soak_md.count("| RSS |") == 1 and ("met" in soak_md)
