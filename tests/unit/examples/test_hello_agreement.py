"""Hello's code agrees with its topology (examples/hello/topology.tf), as Wild Workouts' does with
infra/topology.tf: the consumer's name, topic, dead-letter topic and event types, the event types
published, and a target in main.py for every function the topology names."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest

from ops.dev_stack.app_stack import APP_TARGET, app_stack_settings
from ops.local_stack.topology import load_topology

pytestmark = pytest.mark.unit

HELLO = Path(__file__).resolve().parents[3] / "examples" / "hello"


@pytest.fixture
def hello_main(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """``main.py`` loaded as functions-framework loads it (its folder on the path), under its own name."""
    monkeypatch.syspath_prepend(str(HELLO))
    spec = importlib.util.spec_from_file_location("hello_main", HELLO / "main.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "hello_main", module)
    spec.loader.exec_module(module)
    return module


def test_the_consumer_is_the_topologys(hello_main: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUSH_AUTH_DISABLED", "true")
    monkeypatch.delenv("K_SERVICE", raising=False)
    topology = load_topology(HELLO / "topology.tf")
    (consumer,) = topology.consumers
    spec = hello_main._replier().spec

    assert (spec.name, spec.source_topic, spec.dead_letter_topic) == (
        consumer.name,
        consumer.topic,
        consumer.dead_letter_topic,
    )
    assert sorted(spec.handlers) == sorted(consumer.event_types)
    assert hello_main.TOPIC in topology.topics.values()


def test_the_published_events_are_the_registrys(hello_main: ModuleType) -> None:
    topology = load_topology(HELLO / "topology.tf")
    published = {event_type for types in topology.published_event_types.values() for event_type in types}

    assert set(hello_main.hello_registry().event_types()) == published
    assert all(topology.topic_of_event(event_type) == hello_main.TOPIC for event_type in published)


def test_main_has_a_target_for_every_function_and_the_monolith(hello_main: ModuleType) -> None:
    topology = load_topology(HELLO / "topology.tf")
    functions = [consumer.function for consumer in topology.consumers] + list(topology.http_functions)

    for target in [*functions, APP_TARGET]:
        assert callable(getattr(hello_main, target, None)), target


def test_ops_dev_serves_the_main_py_next_to_the_topology(tmp_path: Path) -> None:
    settings = app_stack_settings(HELLO / "topology.tf")

    assert (settings.functions_source, settings.functions_target) == (HELLO / "main.py", APP_TARGET)
    assert settings.topology_file == HELLO / "topology.tf"
    lone = tmp_path / "topology.tf"
    lone.write_text((HELLO / "topology.tf").read_text())
    with pytest.raises(click.UsageError, match=r"main\.py is missing"):
        app_stack_settings(lone)
