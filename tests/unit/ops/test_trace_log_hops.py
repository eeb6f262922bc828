"""Reading a journey's hops from the functions' structured log and ordering a timeline."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ops.trace.log_hops import LABELS, log_hops
from ops.trace.trace_hop import TraceHop
from ops.trace.trace_timeline import timeline

pytestmark = pytest.mark.unit


def line(time: str, correlation_id: str, **labels: str) -> str:
    entry = {
        "severity": "INFO",
        "message": "m",
        "time": time,
        "outcome": labels.get("outcome", ""),
        "duration_ms": 12.5,
    }
    entry[LABELS] = {"correlation_id": correlation_id, **labels}
    return json.dumps(entry)


def test_only_the_correlation_ids_lines_become_hops(tmp_path: Path) -> None:
    log = tmp_path / "functions.log"
    log.write_text(
        "\n".join(
            [
                "[gunicorn] not json",
                line("2025-01-01T12:00:00.100Z", "c-1", outcome="publish_deferred"),
                line(
                    "2025-01-01T12:00:00.300Z",
                    "c-1",
                    consumer="trainer-on-trainings",
                    outcome="handled",
                    event_type="TrainingScheduleRequested",
                    delivery_attempt="2",
                ),
                line("2025-01-01T12:00:00.200Z", "other", consumer="x", outcome="handled"),
                "{broken json",
            ]
        )
    )

    hops = log_hops(log, "c-1")

    assert [(h.kind, h.where, h.outcome) for h in hops] == [
        ("http", "api", "publish_deferred"),
        ("delivered", "trainer-on-trainings", "handled"),
    ]
    assert hops[1].attempt == "2"
    assert hops[1].duration_ms == 12.5
    assert hops[1].at == datetime(2025, 1, 1, 12, 0, 0, 300000, tzinfo=UTC)


def test_the_timeline_orders_by_time_then_cause_before_effect() -> None:
    at = datetime(2025, 1, 1, tzinfo=UTC)
    later = datetime(2025, 1, 1, 0, 0, 1, tzinfo=UTC)
    applied = TraceHop(at, "applied", "c")
    committed = TraceHop(at, "committed", "t")
    delivered = TraceHop(later, "delivered", "c")

    assert timeline([delivered, applied], [committed]) == [committed, applied, delivered]
