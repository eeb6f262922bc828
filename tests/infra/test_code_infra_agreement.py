"""The code's registry of publishers and consumers agrees with the Terraform topology.

Fails when: a consumer in Terraform has no handlers in code (or the reverse); a subscription's
event types miss a type its handlers handle (or list one they do not); a published event type
has no topic, or is published by another module than Terraform says; a topic name differs; the
ack deadline the code's deadline guard assumes is longer than Terraform's.
"""

from __future__ import annotations

import pytest

from ops.local_stack.topology import Topology, load_topology
from wild_workouts import bootstrap
from wild_workouts.bootstrap import CONSUMERS, CONSUMERS_BY_NAME, consumer_spec, published_event_types
from wild_workouts.topics import MODULE_TOPICS

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def topology() -> Topology:
    return load_topology()


@pytest.fixture(autouse=True)
def settings_of_a_deployment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The code's defaults, as Terraform deploys them: no per-deployment override."""
    for name in ("ACK_DEADLINE_SECONDS", "TOPIC_TRAINER", "TOPIC_TRAININGS", "TOPIC_USERS"):
        monkeypatch.delenv(name, raising=False)
    bootstrap.reset()


def test_every_terraform_consumer_has_code_and_every_code_consumer_has_a_subscription(topology: Topology) -> None:
    assert {c.name for c in topology.consumers} == {c.name for c in CONSUMERS}


@pytest.mark.parametrize("name", sorted(CONSUMERS_BY_NAME))
def test_subscription_event_types_are_exactly_the_handled_types(topology: Topology, name: str) -> None:
    consumer = next(c for c in topology.consumers if c.name == name)
    declaration = CONSUMERS_BY_NAME[name]
    spec = consumer_spec(declaration)
    handled = {payload.event_type for payload in declaration.handlers()}
    assert set(consumer.event_types) == handled == set(spec.handlers), f"{name}: filter and handlers disagree"
    assert spec.source_topic == consumer.topic, f"{name}: subscribes to another topic in code"
    assert spec.dead_letter_topic == consumer.dead_letter_topic
    assert spec.ack_deadline_seconds <= consumer.delivery.ack_deadline_seconds


def test_published_event_types_have_their_module_topic(topology: Topology) -> None:
    in_code = {module: {cls.event_type for cls in classes} for module, classes in published_event_types().items()}
    in_terraform = {module: set(types) for module, types in topology.published_event_types.items()}
    assert in_code == in_terraform
    assert topology.topics == MODULE_TOPICS


def test_every_consumed_event_type_is_published_by_the_subscribed_topic(topology: Topology) -> None:
    for consumer in topology.consumers:
        module = next(m for m, topic in topology.topics.items() if topic == consumer.topic)
        missing = set(consumer.event_types) - set(topology.published_event_types[module])
        assert not missing, f"{consumer.name} expects {missing} on {consumer.topic}, which never carries them"
