"""How ``relay`` marks what it published: inline by default (the sweeper, the duplicate path),
deferred to the sent marker when the fast path asks, inline again when configured so
(``OUTBOX_MARK_SENT=inline``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

import pytest

from pipeline_kit.outbox import sent_marker as sent_marker_module
from pipeline_kit.outbox.outbox_record import OutboxRecord
from pipeline_kit.outbox.outbox_relay import relay
from pipeline_kit.outbox.sent_marker import flush_sent_marks, reset_sent_marker
from pipeline_kit.pubsub.publisher import PublishFailed
from tests.counter_envelopes import counter_envelope
from tests.unit.kit.outbox.fake_outbox_client import FakeOutboxClient

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def lingering_marker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(sent_marker_module, "LINGER_SECONDS", 60.0)  # only a flush commits
    sent_marker_module.configure(inline=False)  # OUTBOX_MARK_SENT unset: deferred when asked
    reset_sent_marker()
    yield
    reset_sent_marker()


def _record(event_id: str) -> OutboxRecord:
    envelope = counter_envelope(event_id, "a-1")
    return OutboxRecord(envelope=envelope, topic="counters", ordering_key="", created_at=datetime.now(UTC))


def _published(topic: str, data: bytes, attributes: Mapping[str, str], ordering_key: str) -> str:
    return "message-id"


def test_by_default_records_are_marked_in_one_commit_before_relay_returns() -> None:
    client = FakeOutboxClient()
    assert relay(client, [_record("e-1"), _record("e-2")], _published) == 2
    assert client.commits == [["e-1", "e-2"]]


def test_deferred_marking_commits_nothing_on_the_request_path() -> None:
    client = FakeOutboxClient()
    assert relay(client, [_record("e-1"), _record("e-2")], _published, defer_marking=True) == 2
    assert client.attempts == []
    assert flush_sent_marks(timeout=5)
    assert client.commits == [["e-1", "e-2"]]


def test_the_inline_switch_turns_deferral_off() -> None:
    sent_marker_module.configure(inline=True)  # OUTBOX_MARK_SENT=inline
    client = FakeOutboxClient()
    relay(client, [_record("e-1")], _published, defer_marking=True)
    assert client.commits == [["e-1"]]


def test_records_published_before_a_publish_failure_are_still_marked() -> None:
    client = FakeOutboxClient()
    calls: list[str] = []

    def second_fails(topic: str, data: bytes, attributes: Mapping[str, str], ordering_key: str) -> str:
        calls.append(topic)
        if len(calls) == 2:
            raise PublishFailed("refused")
        return "message-id"

    with pytest.raises(PublishFailed):
        relay(client, [_record("e-1"), _record("e-2"), _record("e-3")], second_fails, defer_marking=True)
    assert flush_sent_marks(timeout=5)
    assert client.commits == [["e-1"]]


def test_inline_marking_of_more_than_500_records_uses_one_commit_per_500() -> None:
    client = FakeOutboxClient()
    relay(client, [_record(f"e-{n}") for n in range(501)], _published)
    assert [len(ids) for ids in client.commits] == [500, 1]
