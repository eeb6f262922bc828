"""Messages the real counter app parked, for two causes, appear in ``dlq list`` under their cause
group; ``dlq redrive --group`` moves only that group, at the given rate, and the fixed cause is
applied — through the real emulators, the real server and the ops CLI."""

from __future__ import annotations

import json
import os
import time
import uuid
from typing import Any

import pytest
from click.testing import CliRunner

from ops.cli import main
from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_pipeline import CounterPipeline

pytestmark = pytest.mark.e2e


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--project", os.environ["GOOGLE_CLOUD_PROJECT"]], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _groups(pipeline: CounterPipeline) -> dict[str, dict[str, Any]]:
    document = json.loads(_cli("dlq", "list", "--json"))
    mine = next(s for s in document["subscriptions"] if s["subscription"] == pipeline.names.dead_letter_subscription)
    return {group["error_class"]: group for group in mine["groups"]}


def _wait_for_groups(pipeline: CounterPipeline, wanted: dict[str, int], timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    groups: dict[str, dict[str, Any]] = {}
    while time.monotonic() < deadline:
        groups = _groups(pipeline)
        if {name: group["messages"] for name, group in groups.items()} == wanted:
            return groups
        time.sleep(0.5)
    raise AssertionError(f"wanted {wanted} parked, got {groups}")


def test_parked_messages_group_by_cause_and_a_group_redrive_moves_only_it(pipeline: CounterPipeline) -> None:
    negative = [f"counter-{uuid.uuid4().hex[:8]}" for _ in range(4)]
    for number, counter_id in enumerate(negative):
        pipeline.publish_envelope(pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=-(number + 2))))
    for _ in range(2):
        counter_id = f"rule-{uuid.uuid4().hex[:8]}"
        pipeline.publish_envelope(
            pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=1, plain_error="ValueError"))
        )

    groups = _wait_for_groups(pipeline, {"PermanentError": 4, "ValueError": 2})

    assert groups["PermanentError"]["template"] == "amount must not be negative, got <n>"
    assert groups["PermanentError"]["event_type"] == "CounterIncremented"
    listed = _cli("dlq", "list")
    assert groups["PermanentError"]["group"] in listed
    assert "PermanentError: amount must not be negative, got <n>" in listed

    for counter_id in negative:  # fix the cause of one group only
        pipeline.firestore.collection("counters").document(counter_id).set({"value": 0, "allow_negative": True})
    started = time.monotonic()
    out = _cli(
        "dlq",
        "redrive",
        pipeline.names.dead_letter_subscription,
        "--group",
        groups["PermanentError"]["group"],
        "--rate",
        "5/s",
    )
    elapsed = time.monotonic() - started

    assert "redriven 4 message(s)" in out
    assert elapsed >= (4 - 1) / 5
    for number, counter_id in enumerate(negative):
        assert pipeline.wait_for_counter(counter_id, -(number + 2)) == -(number + 2)
    assert {name: group["messages"] for name, group in _groups(pipeline).items()} == {"ValueError": 2}
