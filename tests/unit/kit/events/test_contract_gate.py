"""The contract gate: each rule on a small contracts module written to a temporary file, the way
a user's changed event class would look, and the CLI's exit codes."""

from __future__ import annotations

import importlib.util
import json
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from pipeline_kit.events.contract_gate import (
    ContractGateFailed,
    check_contracts,
    main,
    write_contracts,
)
from pipeline_kit.events.event_registry import EventRegistry, payload_types_of
from pipeline_kit.events.schema_compatibility import SchemaChanges, compare_schemas

pytestmark = pytest.mark.unit

PUBLISHED = """
    @dataclass(frozen=True, slots=True)
    class SeatBooked:
        event_type: ClassVar[str] = "SeatBooked"
        version: ClassVar[int] = {version}
{fields}
"""
V1_FIELDS = """
        seat_id: str
        at: datetime
        count: int
        note: str | None = None
"""
_loaded: list[str] = []


@pytest.fixture(autouse=True)
def _unload() -> Iterator[None]:
    yield
    while _loaded:
        sys.modules.pop(_loaded.pop(), None)


def contracts(tmp_path: Path, fields: str, version: int = 1, extra: str = "") -> ModuleType:
    """A contracts module (``SeatBooked`` with ``fields``, plus ``extra``) loaded from a file."""
    name = f"gate_contracts_{uuid.uuid4().hex}"
    source = "from dataclasses import dataclass\nfrom datetime import datetime\nfrom typing import ClassVar\n"
    source += textwrap.dedent(PUBLISHED.format(version=version, fields=fields)) + textwrap.dedent(extra)
    path = tmp_path / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    _loaded.append(name)
    spec.loader.exec_module(module)
    return module


def registry_of(module: ModuleType) -> EventRegistry:
    return EventRegistry(payload_types_of(module))


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A schema directory holding SeatBooked v1 as V1_FIELDS declares it."""
    directory = tmp_path / "schemas"
    write_contracts(registry_of(contracts(tmp_path, V1_FIELDS)), directory)
    return directory


def messages(tmp_path: Path, published: Path, fields: str, version: int = 1, extra: str = "") -> list[str]:
    return [
        str(violation)
        for violation in check_contracts(registry_of(contracts(tmp_path, fields, version, extra)), published)
    ]


def test_the_written_schemas_pass_and_describe_the_payload(published: Path, tmp_path: Path) -> None:
    assert messages(tmp_path, published, V1_FIELDS) == []
    schema = json.loads((published / "SeatBooked.v1.json").read_text())
    assert schema["properties"] == {
        "seat_id": {"type": "string"},
        "at": {"type": "string", "format": "date-time"},
        "count": {"type": "integer"},
        "note": {"type": ["string", "null"]},
    }
    assert schema["required"] == ["seat_id", "at", "count"]
    assert schema["additionalProperties"] is False


REMEDY = "publish it as v2 and register an upcaster v1→v2"


FIELD = "seat_id: str\nat: datetime\ncount: int\nnote: str | None = None"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (FIELD.replace("at: datetime\n", ""), "field 'at' was removed"),
        (FIELD.replace("at: datetime", "when: datetime"), "field 'at' was renamed to 'when'"),
        (FIELD.replace("count: int", "count: str"), "field 'count' changed type integer → string"),
        (FIELD.replace("id: str", "id: datetime"), "field 'seat_id' changed type string → string (date-time)"),
        (FIELD.replace("= None", ""), "field 'note' became required (published payloads may lack it)"),
        (FIELD.replace("int", "int\nrow: int"), "field 'row' was added as required (published payloads lack it)"),
    ],
)  # fmt: skip
def test_a_breaking_change_of_a_published_version_names_the_field_and_the_remedy(
    published: Path, tmp_path: Path, fields: str, problem: str
) -> None:
    indented = textwrap.indent(fields, " " * 8)
    assert messages(tmp_path, published, indented) == [f"SeatBooked v1: {problem}; {REMEDY}"]
    with pytest.raises(ContractGateFailed, match="SeatBooked v1"):
        write_contracts(registry_of(contracts(tmp_path, indented)), published)
    assert json.loads((published / "SeatBooked.v1.json").read_text())["required"] == ["seat_id", "at", "count"]


def test_an_optional_field_is_a_compatible_change_that_write_publishes(published: Path, tmp_path: Path) -> None:
    widened = V1_FIELDS + "        row: int | None = None\n"
    assert messages(tmp_path, published, widened) == [
        "SeatBooked v1: changed compatibly (optional field 'row' was added); "
        "run the contract gate's write command to commit it"
    ]
    module = contracts(tmp_path, widened)
    assert [path.name for path in write_contracts(registry_of(module), published)] == ["SeatBooked.v1.json"]
    assert check_contracts(registry_of(module), published) == []


def test_widening_a_type_or_making_a_field_optional_is_compatible(published: Path, tmp_path: Path) -> None:
    widened = textwrap.indent(
        FIELD.replace("seat_id: str", "seat_id: str | None").replace("int", "float = 1.0"), " " * 8
    )
    violations = check_contracts(registry_of(contracts(tmp_path, widened)), published)
    assert [violation.breaking for violation in violations] == [False]
    assert "field 'count' became optional" in violations[0].problem
    assert "field 'seat_id' widened from string to string | null" in violations[0].problem


def test_a_new_version_needs_an_upcaster_from_the_published_one(published: Path, tmp_path: Path) -> None:
    v2 = "        seat_id: str\n        at: datetime\n        seats: int\n"
    registry = registry_of(contracts(tmp_path, v2, version=2))
    assert [str(violation) for violation in check_contracts(registry, published)] == [
        "SeatBooked v1: no upcaster v1→v2 is registered (v1 is published, the code declares v2); "
        "register an upcaster v1→v2",
        "SeatBooked v2: its schema is not committed; run the contract gate's write command to commit it",
    ]
    registry.register_upcaster("SeatBooked", 1, lambda old: {"seat_id": old["seat_id"], "at": old["at"], "seats": 1})
    assert [path.name for path in write_contracts(registry, published)] == ["SeatBooked.v2.json"]
    assert check_contracts(registry, published) == []
    assert sorted(path.name for path in published.iterdir()) == ["SeatBooked.v1.json", "SeatBooked.v2.json"]


def test_an_upcaster_must_turn_a_published_payload_into_one_the_declared_version_decodes(
    published: Path, tmp_path: Path
) -> None:
    v2 = "        seat_id: str\n        at: datetime\n        seats: int\n"
    registry = registry_of(contracts(tmp_path, v2, version=2))
    registry.register_upcaster("SeatBooked", 1, lambda old: {**old, "seats": old["count"]})  # count stays
    assert [str(violation) for violation in check_contracts(registry, published) if violation.breaking] == [
        "SeatBooked v1: a payload of v1 upcast to the declared version does not decode "
        "(invalid SeatBooked payload: unknown field(s) 'count'); fix its upcasters"
    ]
    registry.register_upcaster("SeatBooked", 1, lambda old: {"seat_id": old["seat_id"], "at": old["at"], "seats": 1})
    assert [violation.breaking for violation in check_contracts(registry, published)] == [False]  # v2 to write


def test_a_removed_event_type_or_a_version_that_goes_back_is_breaking(published: Path, tmp_path: Path) -> None:
    other = """
        @dataclass(frozen=True, slots=True)
        class SeatReleased:
            event_type: ClassVar[str] = "SeatReleased"
            version: ClassVar[int] = 1
            seat_id: str
    """
    both = contracts(tmp_path, V1_FIELDS, extra=other)
    write_contracts(registry_of(both), published)
    only_released = EventRegistry([both.SeatReleased])
    assert [str(violation) for violation in check_contracts(only_released, published)] == [
        "SeatBooked v1: the event type was removed; "
        "a published event type stays registered (published messages still arrive)"
    ]
    (published / "SeatReleased.v2.json").write_text((published / "SeatReleased.v1.json").read_text())
    assert "SeatReleased v2: is published but the code declares v1; a version never goes back" in messages(
        tmp_path, published, V1_FIELDS, extra=other
    )


def test_narrowing_or_adding_an_enum_is_breaking_widening_it_is_not(published: Path) -> None:
    unrestricted = json.loads((published / "SeatBooked.v1.json").read_text())
    three, two = json.loads(json.dumps(unrestricted)), json.loads(json.dumps(unrestricted))
    three["properties"]["count"]["enum"] = [1, 2, 3]
    two["properties"]["count"]["enum"] = [1, 2]
    assert compare_schemas(three, two).breaking == ["field 'count' no longer allows 3 (enum narrowed)"]
    assert compare_schemas(unrestricted, three).breaking == ["field 'count' is now limited to 1, 2, 3"]
    assert compare_schemas(two, three) == SchemaChanges(compatible=["field 'count' allows more values (enum widened)"])
    assert compare_schemas(three, unrestricted) == SchemaChanges(
        compatible=["field 'count' allows any value (enum dropped)"]
    )


def test_the_cli_checks_and_writes(published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = contracts(tmp_path, V1_FIELDS.replace("count: int", "count: str"))
    module.REGISTRY = registry_of(module)  # type: ignore[attr-defined]
    module.registry_factory = lambda: module.REGISTRY  # type: ignore[attr-defined]
    for reference in (f"{module.__name__}:REGISTRY", f"{module.__name__}:registry_factory"):
        assert main(["check", "--registry", reference, "--dir", str(published)]) == 1
        assert "SeatBooked v1: field 'count' changed type integer → string" in capsys.readouterr().err
    assert main(["write", "--registry", f"{module.__name__}:REGISTRY", "--dir", str(published)]) == 1
    fresh = tmp_path / "fresh"
    assert main(["write", "--registry", f"{module.__name__}:REGISTRY", "--dir", str(fresh)]) == 0
    assert main(["check", "--registry", f"{module.__name__}:REGISTRY", "--dir", str(fresh)]) == 0
    module.NOT_A_REGISTRY = 42  # type: ignore[attr-defined]
    with pytest.raises(SystemExit, match="not an EventRegistry"):
        main(["check", "--registry", f"{module.__name__}:NOT_A_REGISTRY", "--dir", str(fresh)])
