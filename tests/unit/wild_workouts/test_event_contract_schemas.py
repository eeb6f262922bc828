"""The committed event schemas (``contracts/schemas``) are what the code declares, every published
older version still decodes, and a broken copy of a contracts module fails the gate by name."""

from __future__ import annotations

import dataclasses
import importlib.util
import inspect
import json
import sys
import types
import typing
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import jsonschema_rs
import pytest

import wild_workouts.contracts
from pipeline_kit.events.contract_gate import check_contracts, committed_schemas
from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.events.event_registry import EventRegistry, payload_types_of
from wild_workouts.bootstrap import event_registry
from wild_workouts.contracts import trainer_events, trainings_events, users_events
from wild_workouts.contracts.event_upcasters import UPCASTERS

pytestmark = pytest.mark.unit

SCHEMAS = Path(wild_workouts.contracts.__file__).parent / "schemas"
SAMPLES: dict[object, object] = {str: "x", int: 1, bool: True, datetime: datetime(2026, 12, 1, 13, tzinfo=UTC)}


def test_the_committed_schemas_are_what_the_code_declares_and_nothing_breaks() -> None:
    assert check_contracts(event_registry(), SCHEMAS) == [], "run `make contracts` (it refuses a breaking change)"


def test_every_published_older_version_is_committed_and_upcast() -> None:
    older = sorted(f"{name} v{version}" for name, version in committed_schemas(SCHEMAS) if version > 1)
    assert len(older) == 8  # the four rejection events and the four hour events are at v2
    for name, from_version, _ in UPCASTERS:
        assert (name, from_version) in committed_schemas(SCHEMAS), f"{name} v{from_version} is published"


def _sample(payload_type: type) -> object:
    hints = typing.get_type_hints(payload_type)
    values = {}
    for field in dataclasses.fields(payload_type):
        hint = hints[field.name]
        if isinstance(hint, types.UnionType):
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        values[field.name] = SAMPLES[hint]
    return payload_type(**values)


@pytest.mark.parametrize("event_type", sorted(event_registry().event_types()))
def test_the_schema_describes_the_payload_on_the_wire(event_type: str) -> None:
    registry = event_registry()
    _, version, document = registry.encode_payload(_sample(registry.payload_type(event_type)))
    validator = jsonschema_rs.validator_for(json.loads((SCHEMAS / f"{event_type}.v{version}.json").read_text()))
    assert validator.is_valid(document)
    assert not validator.is_valid({**document, "unknown": 1})
    envelope = EventEnvelope("e1", event_type, version, datetime.now(UTC), "c1", "c1", "a1", document)
    assert registry.decode(envelope) == _sample(registry.payload_type(event_type))


@pytest.fixture
def broken_trainings_events(tmp_path: Path) -> Iterator[ModuleType]:
    """A copy of trainings_events.py where TrainingScheduled.hour is an int instead of a datetime."""
    source = inspect.getsource(trainings_events)
    start = source.index("class TrainingScheduled:")
    at = source.index("    hour: datetime\n", start)
    broken = source[:at] + "    hour: int\n" + source[at + len("    hour: datetime\n") :]
    path = tmp_path / "broken_trainings_events.py"
    path.write_text(broken, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("broken_trainings_events", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def _registry(*modules: ModuleType) -> EventRegistry:
    registry = EventRegistry([payload for module in modules for payload in payload_types_of(module)])
    for name, from_version, upcaster in UPCASTERS:
        registry.register_upcaster(name, from_version, upcaster)
    return registry


def test_a_broken_copy_of_a_contract_fails_the_gate_naming_the_field(broken_trainings_events: ModuleType) -> None:
    registry = _registry(trainer_events, broken_trainings_events, users_events)
    assert [str(violation) for violation in check_contracts(registry, SCHEMAS)] == [
        "TrainingScheduled v1: field 'hour' changed type string → integer; "
        "publish it as v2 and register an upcaster v1→v2"
    ]


def test_a_removed_contract_fails_the_gate() -> None:
    registry = _registry(trainer_events, trainings_events)
    assert sorted(str(violation).split(":")[0] for violation in check_contracts(registry, SCHEMAS)) == [
        "TrainingBalanceCredited v1",
        "TrainingBalanceDebitRejected v1",
        "TrainingBalanceDebitRejected v2",
        "TrainingBalanceDebited v1",
        "TrainingsGranted v1",
    ]
    assert all("the event type was removed" in str(violation) for violation in check_contracts(registry, SCHEMAS))


def test_an_upcaster_that_breaks_a_published_payload_fails_the_gate() -> None:
    registry = _registry(trainer_events, trainings_events, users_events)
    registry.register_upcaster("HourReserved", 1, lambda old: {"hour": old["hour"], "hour_version": 0})
    assert [str(violation) for violation in check_contracts(registry, SCHEMAS)] == [
        "HourReserved v1: a payload of v1 upcast to the declared version does not decode "
        "(invalid HourReserved payload: field 'training_id' is required); fix its upcasters"
    ]
