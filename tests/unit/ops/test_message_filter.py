"""Selecting dead letters by event type and age; showing their payload."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ops.cli_support.operator_error import OperatorError
from ops.dlq.dead_letter_message import DeadLetterMessage
from ops.dlq.message_filter import MessageFilter, parse_age

pytestmark = pytest.mark.unit

NOW = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)


def message(event_type: str, minutes_ago: float, data: bytes = b"{}") -> DeadLetterMessage:
    return DeadLetterMessage("ack", "m", NOW - timedelta(minutes=minutes_ago), data, {"event_type": event_type})


def test_ages_parse_with_units() -> None:
    assert [parse_age(t) for t in ("90s", "15m", "2h", "1.5d")] == [90, 900, 7200, 129600]
    for bad in ("15", "m", "2 weeks", "-1h"):
        with pytest.raises(OperatorError):
            parse_age(bad)


def test_filters_combine() -> None:
    selection = MessageFilter.from_options(("TrainingCanceled",), older_than="10m", newer_than="1h")

    assert selection.matches(message("TrainingCanceled", 30), NOW)
    assert not selection.matches(message("TrainingCanceled", 5), NOW)
    assert not selection.matches(message("TrainingCanceled", 90), NOW)
    assert not selection.matches(message("HourReserved", 30), NOW)
    assert MessageFilter().matches(message("anything", 10_000), NOW)


def test_the_payload_is_shown_as_json_text_or_bytes() -> None:
    assert message("x", 1, b'{"a":1}').payload_text() == '{\n  "a": 1\n}'
    assert message("x", 1, b"not json").payload_text() == "not json"
    assert message("x", 1, b"\xff\xfe").payload_text() == "b'\\xff\\xfe'"
