"""``dlq list/show/redrive/purge`` against the real Pub/Sub emulator, through the CLI (CliRunner)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner

from ops.cli import main
from ops.local_stack.emulators import RunningEmulators
from tests.integration.ops.dead_letters import DeadLetterSetup, create_dead_letter_setup, park_poisoned, pull_all

pytestmark = pytest.mark.integration


@pytest.fixture
def setup(emulators: RunningEmulators, unique: str) -> DeadLetterSetup:
    return create_dead_letter_setup(unique)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_the_backlog_of_each_dead_letter_subscription(setup: DeadLetterSetup) -> None:
    for number in range(3):
        park_poisoned(setup, "TrainingScheduleRequested", f"event-{number}", b"{}")

    code, out, _ = _run("dlq", "list", "--project", setup.project)

    assert code == 0
    row = next(line for line in out.splitlines() if setup.dead_letter_subscription in line)
    assert " 3 " in row
    assert setup.dead_letter_topic in row


def test_show_prints_the_reason_and_the_decoded_payload_and_acks_nothing(setup: DeadLetterSetup) -> None:
    park_poisoned(setup, "TrainingScheduleRequested", "event-1", json.dumps({"training_id": "t-42"}).encode())

    code, out, _ = _run("dlq", "show", setup.consumer, "--project", setup.project)

    assert code == 0
    assert "PermanentError: training event-1 can never be scheduled" in out
    assert '"training_id": "t-42"' in out
    assert setup.source_topic in out
    assert "1 message(s) shown of 1" in out
    code, out, _ = _run("dlq", "show", setup.dead_letter_subscription, "--project", setup.project)
    assert "1 message(s) shown of 1" in out  # released, not acked


def test_show_filters_by_event_type(setup: DeadLetterSetup) -> None:
    park_poisoned(setup, "TrainingScheduleRequested", "event-1", b"{}")
    park_poisoned(setup, "TrainingCanceled", "event-2", b"{}")

    _, out, _ = _run("dlq", "show", setup.consumer, "--project", setup.project, "--event-type", "TrainingCanceled")

    assert "1 message(s) shown of 2" in out
    assert "event-2" in out
    assert "event-1" not in out


def test_redrive_republishes_to_the_source_topic_without_the_reason_and_acks(setup: DeadLetterSetup) -> None:
    attributes = park_poisoned(setup, "TrainingScheduleRequested", "event-1", b'{"training_id": "t-1"}')

    code, out, _ = _run("dlq", "redrive", setup.consumer, "--project", setup.project)

    assert code == 0, out
    assert "redriven 1 message(s)" in out
    redriven = pull_all(setup.project, setup.source_subscription)
    assert len(redriven) == 1
    message = redriven[0]
    assert bytes(message.data) == b'{"training_id": "t-1"}'
    copied = dict(message.attributes)
    first_published = copied.pop("first_published_at")
    assert copied == {
        "event_type": "TrainingScheduleRequested",
        "event_id": "event-1",
        "correlation_id": attributes["correlation_id"],
        "redrive_count": "1",
        "redrive_target": setup.consumer,
    }
    parked_at = datetime.fromisoformat(attributes["parked_at"].replace("Z", "+00:00"))
    assert datetime.fromisoformat(first_published.replace("Z", "+00:00")) <= parked_at  # the earliest known
    assert pull_all(setup.project, setup.dead_letter_subscription, wait_seconds=1.5) == []


def test_redrive_refuses_a_copy_cut_when_parked_and_leaves_it_in_place(setup: DeadLetterSetup) -> None:
    park_poisoned(
        setup,
        "TrainingScheduleRequested",
        "event-cut",
        b'{"training',
        parked_truncated="true",
        original_size="12000000",
    )
    park_poisoned(setup, "TrainingScheduleRequested", "event-whole", b'{"training_id": "t-2"}')

    code, out, err = _run("dlq", "redrive", setup.consumer, "--project", setup.project)

    assert code == 2, out
    assert "redriven 1 message(s)" in out
    assert "the parked copy was cut to 10 of 12000000 bytes" in err
    assert "1 message(s) refused and left in" in err
    assert [bytes(m.data) for m in pull_all(setup.project, setup.source_subscription)] == [b'{"training_id": "t-2"}']
    _, shown, _ = _run("dlq", "show", setup.consumer, "--project", setup.project)
    assert "refused: the parked copy was cut" in shown
    assert "1 message(s) shown of 1" in shown


def test_redrive_refuses_an_event_past_the_horizon_and_says_why(setup: DeadLetterSetup) -> None:
    old = json.dumps({"event_id": "event-old", "occurred_at": "2020-01-01T00:00:00Z", "payload": {}}).encode()
    park_poisoned(setup, "TrainingScheduleRequested", "event-old", old)

    code, out, err = _run("dlq", "redrive", setup.consumer, "--project", setup.project, "--dry-run")
    assert code == 0
    assert "0 message(s) would be redriven, 1 refused" in out
    assert "first published 2020-01-01T00:00:00Z" in err
    assert "past the 6-day redrive horizon" in err

    code, _, err = _run("dlq", "redrive", setup.consumer, "--project", setup.project)
    assert code == 2
    assert "processed markers expire after 7 days" in err
    assert pull_all(setup.project, setup.source_subscription, wait_seconds=1.5) == []
    _, shown, _ = _run("dlq", "show", setup.consumer, "--project", setup.project)
    assert "1 message(s) shown of 1" in shown


def test_redrive_dry_run_changes_nothing(setup: DeadLetterSetup) -> None:
    park_poisoned(setup, "TrainingScheduleRequested", "event-1", b"{}")

    code, out, _ = _run("dlq", "redrive", setup.consumer, "--project", setup.project, "--dry-run")

    assert code == 0
    assert "1 message(s) would be redriven" in out
    assert setup.source_topic in out
    assert pull_all(setup.project, setup.source_subscription, wait_seconds=1.5) == []
    _, out, _ = _run("dlq", "show", setup.consumer, "--project", setup.project)
    assert "1 message(s) shown of 1" in out


def test_redrive_skips_messages_outside_the_age_filter(setup: DeadLetterSetup) -> None:
    park_poisoned(setup, "TrainingScheduleRequested", "event-1", b"{}")

    code, out, _ = _run("dlq", "redrive", setup.consumer, "--project", setup.project, "--older-than", "1h")

    assert code == 0
    assert "redriven 0 message(s)" in out
    assert pull_all(setup.project, setup.source_subscription, wait_seconds=1.5) == []


def test_purge_with_yes_empties_the_subscription(setup: DeadLetterSetup) -> None:
    for number in range(3):
        park_poisoned(setup, "TrainingCanceled", f"event-{number}", b"{}")

    code, out, _ = _run("dlq", "purge", setup.consumer, "--project", setup.project, "--yes")

    assert code == 0
    assert "purged 3 message(s)" in out
    assert pull_all(setup.project, setup.dead_letter_subscription, wait_seconds=1.5) == []


def test_purge_asks_first_and_a_no_keeps_everything(setup: DeadLetterSetup) -> None:
    park_poisoned(setup, "TrainingCanceled", "event-1", b"{}")

    result = CliRunner().invoke(main, ["dlq", "purge", setup.consumer, "--project", setup.project], input="n\n")

    assert result.exit_code == 0
    assert "nothing purged" in result.stdout
    _, out, _ = _run("dlq", "show", setup.consumer, "--project", setup.project)
    assert "1 message(s) shown of 1" in out


def test_an_unknown_subscription_is_one_line_and_exit_2(emulators: RunningEmulators, unique: str) -> None:
    code, out, err = _run("dlq", "show", f"nobody-{unique}", "--project", "wild-workouts-test")

    assert code == 2
    assert err.strip().count("\n") == 0
    assert "unknown dead-letter subscription" in err
    assert "Traceback" not in out + err
