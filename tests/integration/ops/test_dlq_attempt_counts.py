"""Why ``dlq show`` has no delivery attempt count, said as it is (``ops/dlq/attempt_count_absence``),
and what ``dlq list``'s placeholders mean, against the real Pub/Sub emulator.

The policy lookups run on the emulator with ``on_emulator=False``: the emulator answers
``GetSubscription`` with the dead-letter policy as Pub/Sub does, so the sentences for Google Cloud
are checked on real subscriptions with and without a policy."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from google.cloud import pubsub_v1  # type: ignore[attr-defined]

from ops.cli import main
from ops.dlq.attempt_count_absence import NOT_REPORTED_BY_THE_EMULATOR, AttemptCountAbsence
from ops.dlq.dead_letter_reason import reason_of
from ops.local_stack.emulators import RunningEmulators
from tests.integration.ops.dead_letters import DeadLetterSetup, create_dead_letter_setup, park_poisoned

pytestmark = pytest.mark.integration


@pytest.fixture
def setup(emulators: RunningEmulators, unique: str) -> DeadLetterSetup:
    return create_dead_letter_setup(unique)


def _push_subscription(setup: DeadLetterSetup, name: str, *, dead_letter_policy: bool) -> str:
    subscriber = pubsub_v1.SubscriberClient()
    path: str = subscriber.subscription_path(setup.project, name)
    policy = {
        "dead_letter_policy": {
            "dead_letter_topic": f"projects/{setup.project}/topics/{setup.dead_letter_topic}",
            "max_delivery_attempts": 5,
        }
    }
    subscriber.create_subscription(
        request={
            "name": path,
            "topic": f"projects/{setup.project}/topics/{setup.source_topic}",
            **(policy if dead_letter_policy else {}),
        }
    )
    subscriber.close()
    return path


def test_show_on_the_emulator_blames_the_emulator_not_a_missing_policy(setup: DeadLetterSetup) -> None:
    _push_subscription(setup, setup.consumer, dead_letter_policy=True)  # the one park_poisoned names
    park_poisoned(setup, "TrainingScheduleRequested", "event-1", b"{}", delivery_attempt="")

    result = CliRunner().invoke(main, ["dlq", "show", setup.consumer, "--project", setup.project])

    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "not reported by the Pub/Sub emulator" in flat
    assert "only on a subscription with a dead-letter policy" not in flat


def test_off_the_emulator_the_source_subscription_s_policy_says_why(setup: DeadLetterSetup, unique: str) -> None:
    with_policy = _push_subscription(setup, f"with-policy-{unique}", dead_letter_policy=True)
    without_policy = _push_subscription(setup, f"without-policy-{unique}", dead_letter_policy=False)
    subscriber = pubsub_v1.SubscriberClient()
    absence = AttemptCountAbsence(subscriber, setup.project, on_emulator=False)

    def why(source_subscription: str) -> str:
        return absence.why(reason_of({"error_class": "E", "source_subscription": source_subscription}))

    assert why(with_policy) == (
        f"not reported: with-policy-{unique} has a dead-letter policy, but the delivery carried no attempt count"
        " (an Eventarc CloudEvent carries none)"
    )
    assert why(without_policy).startswith(f"not counted: without-policy-{unique} has no dead-letter policy")
    assert why(f"missing-{unique}").startswith(
        f"unknown: could not read missing-{unique}'s dead-letter policy (NotFound)"
    )
    assert why("").startswith("unknown: the dead letter names no source subscription")
    on_emulator = AttemptCountAbsence(subscriber, setup.project, on_emulator=True)
    assert on_emulator.why(reason_of({"source_subscription": without_policy})) == NOT_REPORTED_BY_THE_EMULATOR


def test_a_counted_attempt_is_shown_as_counted(setup: DeadLetterSetup) -> None:
    park_poisoned(setup, "TrainingScheduleRequested", "event-1", b"{}", delivery_attempt="3")

    result = CliRunner().invoke(main, ["dlq", "show", setup.consumer, "--project", setup.project])

    assert result.exit_code == 0, result.output
    assert "3 (delivery_attempt the kit recorded)" in result.stdout


def test_list_explains_the_placeholders_of_a_cause(setup: DeadLetterSetup) -> None:
    park_poisoned(setup, "GreetingRequested", "event-1", b"{}", error_message="cannot greet 'R2-D2': not a name")

    result = CliRunner().invoke(main, ["dlq", "list", "--project", setup.project])

    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "PermanentError: cannot greet '<v>': not a name" in flat
    assert "'<v>' and \"<v>\" stand for a quoted value" in flat
