"""``ops trace`` on Google Cloud, without the network: the Cloud Logging filter it builds, the
``entries:list`` pages it reads through an authorized session, and those entries as hops."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from ops.cli_support.operator_error import OperatorError
from ops.trace.cloud_log_entries import ENTRIES_LIST, list_entries
from ops.trace.cloud_log_query import journey_filter, kit_line, quoted
from ops.trace.log_hops import entry_hops

pytestmark = pytest.mark.unit


def test_the_filter_is_the_correlation_label_on_cloud_run_bounded_in_time() -> None:
    query = journey_filter("c-1", datetime(2026, 12, 1, 9, 30, tzinfo=UTC))

    assert query.splitlines() == [
        'resource.type="cloud_run_revision"',
        'labels.correlation_id="c-1"',
        'timestamp>="2026-12-01T09:30:00Z"',
    ]


def test_a_correlation_id_cannot_break_out_of_its_string() -> None:
    assert quoted('a"b\\c') == '"a\\"b\\\\c"'
    assert 'labels.correlation_id="x\\" OR true"' in journey_filter('x" OR true', datetime(2026, 1, 1, tzinfo=UTC))


@dataclass
class _Response:
    status_code: int
    body: dict[str, Any]

    def json(self) -> dict[str, Any]:
        return self.body


@dataclass
class _Session:
    pages: list[_Response]
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def post(self, url: str, *, json: dict[str, Any], timeout: float) -> _Response:
        self.requests.append((url, json))
        return self.pages.pop(0)


def _entry(timestamp: str, **labels: str) -> dict[str, Any]:
    return {
        "timestamp": timestamp,
        "severity": "INFO",
        "labels": {"correlation_id": "c-1", **labels},
        "jsonPayload": {"message": "m", "outcome": labels.get("outcome", ""), "duration_ms": 8.0},
    }


def test_pages_are_followed_and_the_request_is_the_documented_entries_list_body() -> None:
    session = _Session(
        [
            _Response(200, {"entries": [_entry("2026-12-01T10:00:00.1Z")], "nextPageToken": "t2"}),
            _Response(200, {"entries": [_entry("2026-12-01T10:00:00.2Z")]}),
        ]
    )

    entries = list_entries(session, "prod-1", 'labels.correlation_id="c-1"')

    assert len(entries) == 2
    (url, first), (_, second) = session.requests
    assert url == ENTRIES_LIST
    assert first == {
        "resourceNames": ["projects/prod-1"],
        "filter": 'labels.correlation_id="c-1"',
        "orderBy": "timestamp asc",
        "pageSize": 1000,
    }
    assert second["pageToken"] == "t2"


def test_an_error_answer_is_one_operator_line_with_googles_message() -> None:
    session = _Session([_Response(403, {"error": {"message": "Permission denied on logging.entries.list"}})])

    with pytest.raises(OperatorError, match=r"403: Permission denied on logging\.entries\.list"):
        list_entries(session, "prod-1", "x")


def test_cloud_entries_become_the_same_hops_as_local_lines() -> None:
    entries = [
        _entry("2026-12-01T10:00:00.100Z", outcome="command_committed", event_type="TrainingScheduleRequested"),
        _entry("2026-12-01T10:00:00.300Z", consumer="users-on-trainings", outcome="handled", delivery_attempt="1"),
        {
            **_entry("2026-12-01T10:00:00.400Z", consumer="trainer-on-trainings", outcome="parked"),
            "jsonPayload": {"message": "x: parked", "outcome": "parked", "detail": "ValueError: no such hour"},
        },
        _entry("2026-12-01T10:05:00Z", consumer="trainer-on-trainings", outcome="handled", redrive_count="1"),
        {**_entry("2026-12-01T10:00:00Z"), "labels": {"correlation_id": "other"}},
    ]

    hops = entry_hops([kit_line(entry) for entry in entries], "c-1")

    assert [(hop.kind, hop.where, hop.outcome) for hop in hops] == [
        ("command", "api", "command_committed"),
        ("delivered", "users-on-trainings", "handled"),
        ("parked", "trainer-on-trainings", "parked"),
        ("redriven", "trainer-on-trainings", "handled"),
    ]
    assert hops[1].duration_ms == 8.0 and hops[1].attempt == "1"
    assert hops[2].detail == "ValueError: no such hour"
