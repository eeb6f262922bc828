"""What `dlq redrive` refuses: a copy cut when parked, and an event past the redrive horizon."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from ops.dlq.dead_letter_message import DeadLetterMessage
from ops.dlq.redrive_refusal import MARKER_TTL, REDRIVE_HORIZON, first_published_at, refusal
from pipeline_kit.firestore.optimistic_unit_of_work import ProcessedMarker

pytestmark = pytest.mark.unit

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def _message(
    *, dead_lettered: datetime = NOW, attributes: dict[str, str] | None = None, data: bytes = b"{}"
) -> DeadLetterMessage:
    return DeadLetterMessage(
        ack_id="a", message_id="m-1", dead_lettered_at=dead_lettered, data=data, attributes=attributes or {}
    )


def _envelope(occurred_at: datetime) -> bytes:
    return json.dumps({"event_id": "e-1", "occurred_at": occurred_at.isoformat().replace("+00:00", "Z")}).encode()


def test_the_horizon_is_shorter_than_the_processed_markers_life() -> None:
    assert ProcessedMarker("c", "e").ttl == MARKER_TTL
    assert timedelta(0) < REDRIVE_HORIZON < MARKER_TTL


def test_a_recent_whole_dead_letter_is_redriven() -> None:
    assert refusal(_message(data=_envelope(NOW - timedelta(hours=2))), NOW) is None


def test_a_copy_cut_when_parked_is_refused_whatever_its_age() -> None:
    message = _message(attributes={"parked_truncated": "true", "original_size": "12000000"}, data=b"x" * 10)

    reason = refusal(message, NOW)

    assert reason is not None
    assert "cut to 10 of 12000000 bytes" in reason


@pytest.mark.parametrize(
    "where",
    ["envelope", "first_published_at", "original_publish_time", "CloudPubSubDeadLetterSourceTopicPublishTime"],
)
def test_an_event_older_than_the_horizon_is_refused_from_the_earliest_time_known(where: str) -> None:
    old = NOW - REDRIVE_HORIZON - timedelta(hours=1)
    stamp = old.isoformat().replace("+00:00", "Z")
    data = _envelope(old) if where == "envelope" else _envelope(NOW)
    attributes = {} if where == "envelope" else {where: stamp}
    message = _message(dead_lettered=NOW - timedelta(minutes=5), attributes=attributes, data=data)

    reason = refusal(message, NOW)

    assert first_published_at(message) == old
    assert reason is not None
    assert "past the 6-day redrive horizon" in reason
    assert "processed markers expire after 7 days" in reason


def test_a_dead_letter_without_any_time_but_its_own_is_measured_from_it() -> None:
    fresh = _message(dead_lettered=NOW - timedelta(days=1), data=b"not json")
    stale = _message(dead_lettered=NOW - MARKER_TTL, data=b"not json", attributes={"first_published_at": "garbage"})

    assert refusal(fresh, NOW) is None
    assert refusal(stale, NOW) is not None
