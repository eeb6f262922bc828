"""Contracts modules registered by name load on the first lookup that needs them (cold start):
already imported modules first, one at a time, and every module before a name is unknown."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.events.event_registry import EventRegistry, UnknownEventType

pytestmark = pytest.mark.unit

PACKAGE = "tests.unit.kit.events.lazy_contracts"
FIRST, SECOND = f"{PACKAGE}.first_events", f"{PACKAGE}.second_events"


@pytest.fixture(autouse=True)
def _unloaded() -> Iterator[None]:
    for name in (FIRST, SECOND):
        sys.modules.pop(name, None)
    yield
    for name in (FIRST, SECOND):
        sys.modules.pop(name, None)


def _registry() -> EventRegistry:
    registry = EventRegistry()
    registry.register_module(FIRST)
    registry.register_module(SECOND)
    return registry


def test_registering_a_module_imports_nothing() -> None:
    _registry()
    assert FIRST not in sys.modules and SECOND not in sys.modules


def test_an_imported_module_is_searched_first_and_the_others_stay_unloaded() -> None:
    registry = _registry()
    second = importlib.import_module(SECOND)
    assert registry.payload_type("SecondHappened") is second.SecondHappened
    assert FIRST not in sys.modules


def test_modules_load_one_at_a_time_until_the_name_is_found() -> None:
    registry = _registry()
    assert registry.is_known("FirstHappened")
    assert SECOND not in sys.modules
    assert registry.is_known("SecondHappened")


def test_an_unknown_name_loads_every_module_then_is_unknown() -> None:
    registry = _registry()
    assert not registry.is_known("NobodyHappened")
    assert FIRST in sys.modules and SECOND in sys.modules
    with pytest.raises(UnknownEventType):
        registry.payload_type("NobodyHappened")
    assert registry.event_types() == {"FirstHappened", "SecondHappened"}


def test_decoding_and_encoding_resolve_lazily() -> None:
    registry = _registry()
    envelope = EventEnvelope("e-1", "SecondHappened", 1, datetime.now(UTC), "c-1", "r-1", "t-1", {"thing_id": "t-1"})
    event = registry.decode(envelope)
    assert event.thing_id == "t-1"
    first = importlib.import_module(FIRST)
    assert registry.encode_payload(first.FirstHappened("t-2")) == ("FirstHappened", 1, {"thing_id": "t-2"})


def test_a_class_registered_eagerly_is_not_registered_twice_when_its_module_loads() -> None:
    registry = EventRegistry()
    first = importlib.import_module(FIRST)
    registry.register(first.FirstHappened)
    registry.register_module(FIRST)
    assert registry.event_types() == {"FirstHappened"}
