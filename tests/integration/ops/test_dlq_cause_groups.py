"""Dead letters grouped by cause on the real Pub/Sub emulator, through the CLI: ``dlq list`` shows
each cause group with its count, ``--group`` acts on one cause and leaves the others in place,
``--rate`` holds, ``--json`` parses, and a redrive interrupted by Ctrl-C leaves the rest."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from typing import Any

import pytest
from click.testing import CliRunner
from google.cloud import pubsub_v1  # type: ignore[attr-defined]

from ops.cli import main
from ops.dlq.token_bucket import TokenBucket
from ops.local_stack.emulators import RunningEmulators
from tests.ctrl_c import interruptible
from tests.integration.ops.dead_letters import DeadLetterSetup, create_dead_letter_setup, park_poisoned, pull_all

pytestmark = pytest.mark.integration

FULL = {"error_class": "PermanentError"}
INVALID = {"error_class": "InvalidEvent"}


@pytest.fixture
def setup(emulators: RunningEmulators, unique: str) -> DeadLetterSetup:
    return create_dead_letter_setup(unique)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _park_two_causes(setup: DeadLetterSetup, full: int, invalid: int) -> None:
    for number in range(full):
        park_poisoned(
            setup,
            "TrainingScheduleRequested",
            f"full-{number}",
            b'{"training_id": "t-%d"}' % number,
            error_message=f"training t-{number} is full: {number + 3} of {number + 3} places taken",
        )
    for number in range(invalid):
        park_poisoned(
            setup,
            "TrainingScheduleRequested",
            f"bad-{number}",
            b"{}",
            error_class="InvalidEvent",
            error_message=f"field 'hour' of event bad-{number} is missing",
        )


def _groups(setup: DeadLetterSetup) -> dict[str, dict[str, Any]]:
    code, out, err = _run("dlq", "list", "--project", setup.project, "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["schema"] == "ops.dlq.list/1"
    mine = next(s for s in document["subscriptions"] if s["subscription"] == setup.dead_letter_subscription)
    assert mine["consumer"] == setup.consumer
    return {group["error_class"] or group["parked_by"]: group for group in mine["groups"]}


def _waiting(setup: DeadLetterSetup, group: str) -> int:
    code, out, err = _run("dlq", "show", setup.consumer, "--project", setup.project, "--group", group, "--json")
    assert code == 0, err
    shown: int = json.loads(out)["shown"]
    return shown


def test_list_shows_each_cause_group_with_its_count(setup: DeadLetterSetup) -> None:
    _park_two_causes(setup, full=3, invalid=2)
    publisher = pubsub_v1.PublisherClient()
    publisher.publish(  # what Pub/Sub itself dead-letters after max attempts: no reason of the kit
        publisher.topic_path(setup.project, setup.dead_letter_topic),
        b"{}",
        event_type="TrainingCanceled",
        CloudPubSubDeadLetterSourceDeliveryCount="5",
        CloudPubSubDeadLetterSourceSubscription=f"projects/{setup.project}/subscriptions/{setup.consumer}",
    ).result(timeout=30)

    groups = _groups(setup)

    assert {name: group["messages"] for name, group in groups.items()} == {
        "PermanentError": 3,
        "InvalidEvent": 2,
        "pubsub": 1,
    }
    assert groups["PermanentError"]["template"] == "training <id> is full: <n> of <n> places taken"
    assert groups["pubsub"]["cause"] == "dead-lettered by Pub/Sub after 5 attempts"
    assert groups["pubsub"]["event_type"] == "TrainingCanceled"
    assert len({group["group"] for group in groups.values()}) == 3
    code, out, _ = _run("dlq", "list", "--project", setup.project)
    assert code == 0
    rows = {line.split()[1]: line for line in out.splitlines() if line.count("│") >= 5 and len(line.split()) > 2}
    assert " 3 " in rows[groups["PermanentError"]["group"]]
    assert "PermanentError: training <id> is full" in rows[groups["PermanentError"]["group"]]
    assert " 2 " in rows[groups["InvalidEvent"]["group"]]
    assert "dead-lettered by Pub/Sub after 5 attempts" in rows[groups["pubsub"]["group"]]
    assert _waiting(setup, groups["InvalidEvent"]["group"]) == 2  # listing acked nothing


def test_show_group_json_carries_only_that_cause(setup: DeadLetterSetup) -> None:
    _park_two_causes(setup, full=2, invalid=1)
    group = _groups(setup)["InvalidEvent"]["group"]

    code, out, _ = _run("dlq", "show", setup.consumer, "--project", setup.project, "--group", group, "--json")

    assert code == 0
    document = json.loads(out)
    assert (document["schema"], document["waiting"], document["shown"]) == ("ops.dlq.show/1", 3, 1)
    [message] = document["messages"]
    assert message["group"] == group
    assert message["error_message"] == "field 'hour' of event bad-0 is missing"
    assert message["delivery_attempts"] == 1
    assert message["redrive"]["refused"] is None
    assert message["data"] == "{}"


def test_redrive_group_moves_only_that_group_at_the_given_rate(setup: DeadLetterSetup) -> None:
    _park_two_causes(setup, full=6, invalid=2)
    groups = _groups(setup)
    full = groups["PermanentError"]["group"]

    started = time.monotonic()
    code, out, err = _run(
        "dlq", "redrive", setup.consumer, "--project", setup.project, "--group", full, "--rate", "5/s"
    )
    elapsed = time.monotonic() - started

    assert code == 0, err
    assert elapsed >= (6 - 1) / 5
    assert "redriven 6 message(s)" in out
    assert "redriven 6/6" in err  # the progress line
    assert "not selected" in out  # the closing table counts what it left alone
    redriven = pull_all(setup.project, setup.source_subscription)
    assert sorted(dict(m.attributes)["event_id"] for m in redriven) == [f"full-{n}" for n in range(6)]
    assert full not in _groups(setup)
    assert _waiting(setup, groups["InvalidEvent"]["group"]) == 2


def test_an_interrupted_redrive_leaves_the_rest_in_place(
    setup: DeadLetterSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _park_two_causes(setup, full=5, invalid=0)
    original_take = TokenBucket.take
    calls = 0

    def take_then_ctrl_c(bucket: TokenBucket) -> None:
        nonlocal calls
        calls += 1
        if calls > 2:  # Ctrl-C while waiting for the third token
            raise KeyboardInterrupt
        original_take(bucket)

    monkeypatch.setattr(TokenBucket, "take", take_then_ctrl_c)

    code, out, err = _run("dlq", "redrive", setup.consumer, "--project", setup.project)

    assert code == 130
    assert "redriven 2 message(s)" in out
    assert "stopped by Ctrl-C" in out
    assert "interrupted: 3 message(s) not redriven" in err
    assert len(pull_all(setup.project, setup.source_subscription)) == 2
    monkeypatch.undo()
    assert _groups(setup)["PermanentError"]["messages"] == 3


def test_a_group_with_no_message_redrives_nothing_and_says_so(setup: DeadLetterSetup) -> None:
    _park_two_causes(setup, full=1, invalid=0)

    code, out, _ = _run("dlq", "redrive", setup.consumer, "--project", setup.project, "--group", "00000000")

    assert code == 0
    assert "no message of group 00000000" in out
    assert _groups(setup)["PermanentError"]["messages"] == 1
    code, _, err = _run("dlq", "redrive", setup.consumer, "--project", setup.project, "--group", "full")
    assert code == 2
    assert "invalid group 'full'" in err


def test_show_says_what_is_known_of_the_attempts_and_refuses_limit_zero(setup: DeadLetterSetup) -> None:
    park_poisoned(setup, "TrainingScheduleRequested", "event-1", b"{}", delivery_attempt="")
    park_poisoned(setup, "TrainingScheduleRequested", "event-2", b"{}", delivery_attempt="")

    code, out, _ = _run("dlq", "show", setup.consumer, "--project", setup.project)
    assert code == 0
    assert "delivery attempts" in out
    assert "not reported by the Pub/Sub emulator" in out  # it sends no deliveryAttempt (attempt_count_absence)
    assert " ? " not in out
    assert "2 message(s) shown of 2 waiting" in out

    code, _, err = _run("dlq", "show", setup.consumer, "--project", setup.project, "--limit", "0")
    assert code == 2
    assert "0 is not in the range x>=1" in err
    _, out, _ = _run("dlq", "show", setup.consumer, "--project", setup.project, "--limit", "1")
    assert "1 message(s) shown of 1+ (--limit 1 reached) waiting" in out


def test_a_real_ctrl_c_stops_the_redrive_and_leaves_the_rest(setup: DeadLetterSetup) -> None:
    """SIGINT to a real ``python -m ops dlq redrive`` process, once its first copy is out."""
    total = 30  # at 1/s the redrive takes 30 s: a loaded machine still signals it in the middle
    _park_two_causes(setup, full=total, invalid=0)
    command = [sys.executable, "-m", "ops", "dlq", "redrive", setup.consumer, "--project", setup.project]
    process = subprocess.Popen(
        [*command, "--rate", "1/s"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=interruptible,  # noqa: PLW1509 - only resets one signal before exec
    )
    try:
        seen = pull_all(setup.project, setup.source_subscription, wait_seconds=0.5)
        deadline = time.monotonic() + 60
        while not seen and process.poll() is None and time.monotonic() < deadline:
            seen = pull_all(setup.project, setup.source_subscription, wait_seconds=0.5)
        assert seen, "no copy published in time"
        os.kill(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    assert process.returncode == 130, err
    assert "Traceback" not in err
    redriven = int(re.search(r"redriven (\d+) message\(s\)", out).group(1))  # type: ignore[union-attr]
    assert 1 <= redriven < total
    assert f"interrupted: {total - redriven} message(s) not redriven" in err
    copies = len(seen) + len(pull_all(setup.project, setup.source_subscription))
    assert redriven <= copies <= redriven + 1  # +1: a publish cut by Ctrl-C may be out, its dead letter kept
    assert _groups(setup)["PermanentError"]["messages"] == total - redriven
