"""Errors that can never pass are parked with their reason and acked at the first delivery,
whatever exception type raised them, through real Pub/Sub push.

Each message goes to an *ordered* subscription with a sentinel behind it on the same ordering
key: Pub/Sub delivers the sentinel only once the first message is acked, so the sentinel being
applied proves the hopeless message did not stall its key with retries; exactly one parked copy
proves it was not delivered (and parked) again.
"""

from __future__ import annotations

import uuid

import pytest

from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_pipeline import CounterPipeline

pytestmark = pytest.mark.e2e

CASES = [
    # (counter id, plain error the handler raises, error_class parked, words of the reason)
    ("rule-{}", "ValueError", "ValueError", "raised as a plain ValueError"),
    ("__{}__", "", "InvalidArgument", "reserved"),  # Firestore refuses the document id
    ("a/{}", "", "ValueError", "even number of path elements"),  # the client library refuses the path
]


@pytest.mark.parametrize(
    ("counter_id", "plain_error", "error_class", "reason"), CASES, ids=["plain ValueError", "id __x__", "path a/b"]
)
def test_a_hopeless_message_is_parked_with_its_reason_at_once_and_its_ordering_key_moves_on(
    pipeline: CounterPipeline, counter_id: str, plain_error: str, error_class: str, reason: str
) -> None:
    suffix = uuid.uuid4().hex[:8]
    key = f"key-{suffix}"
    hopeless = pipeline.envelope(
        CounterIncremented(counter_id=counter_id.format(suffix), amount=1, plain_error=plain_error)
    )
    sentinel_id = f"sentinel-{suffix}"
    sentinel = pipeline.envelope(CounterIncremented(counter_id=sentinel_id, amount=1))

    pipeline.publish_envelope(hopeless, ordering_key=key)
    pipeline.publish_envelope(sentinel, ordering_key=key)

    pipeline.wait_for_counter(sentinel_id, 1, timeout=30)
    parked = pipeline.pull_dead_letters(wanted=2, timeout=5)
    assert [message.attributes["event_id"] for message in parked] == [hopeless.event_id]
    assert parked[0].attributes["error_class"] == error_class
    assert reason in parked[0].attributes["error_message"]
    assert parked[0].attributes["consumer"] == pipeline.names.consumer
    assert parked[0].data == hopeless.to_json_bytes()
    assert not pipeline.processed_marker_exists(hopeless.event_id)
    if plain_error:
        assert pipeline.attempts(hopeless.event_id) == 1  # delivered once: acked, not retried
