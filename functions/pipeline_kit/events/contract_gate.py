"""The contract gate: the committed (published) event schemas against what the code declares.

A directory holds one JSON Schema per event type and version, ``<Type>.v<N>.json``
(``event_json_schema``). Once committed, a version is published: messages of it may be in an
outbox, a subscription's backlog or a parked record. The gate holds the code to that:

- the schema of the version the code declares may change only compatibly
  (``schema_compatibility``); ``write`` rewrites it then;
- a breaking change needs a new version *and* an upcaster from the previous one, so every
  published older version still decodes: for each committed version ``n`` below the declared
  one, upcasters ``n → n+1 → …`` must be registered, and a payload of ``n`` (its required
  fields only, then every field) upcast by them must decode as the declared version;
- a committed event type must stay registered, and its declared version never goes back;
- a declared version with no committed schema yet is written by ``write``.

Use it from a test (``check_contracts(registry, directory)`` returns the violations) or the CLI::

    python -m pipeline_kit.events.contract_gate check|write --registry package.module:registry --dir DIR

``--registry`` names an ``EventRegistry`` or a function without arguments that returns one.
``check`` exits 1 with one line per violation; ``write`` refuses (exit 1, nothing written) while
a change is breaking, and otherwise writes the declared versions' schemas (it never deletes one).
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.events.event_json_schema import event_json_schema
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.events.schema_compatibility import compare_schemas

_SCHEMA_FILE = re.compile(r"^(?P<type>[A-Za-z_][A-Za-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.json$")
WRITE_HINT = "run the contract gate's write command to commit it"


@dataclass(frozen=True)
class ContractViolation:
    """One reason the gate fails: the event, the version, what is wrong and what to do."""

    event_type: str
    version: int
    problem: str
    remedy: str
    breaking: bool
    """True when ``write`` cannot fix it (the code must change); False for a schema to (re)write."""

    def __str__(self) -> str:
        return f"{self.event_type} v{self.version}: {self.problem}; {self.remedy}"


class ContractGateFailed(Exception):
    """``write_contracts`` refused: a change breaks a published contract (``violations``)."""

    def __init__(self, violations: Sequence[ContractViolation]) -> None:
        super().__init__("\n".join(map(str, violations)))
        self.violations = list(violations)


def schema_file_name(event_type: str, version: int) -> str:
    return f"{event_type}.v{version}.json"


def declared_schemas(registry: EventRegistry) -> dict[tuple[str, int], dict[str, Any]]:
    """``(type, version) → schema`` of the version the code declares, for every registered type."""
    schemas = {}
    for event_type in sorted(registry.event_types()):
        payload_type = registry.payload_type(event_type)
        schemas[(event_type, int(payload_type.version))] = event_json_schema(payload_type)
    return schemas


def committed_schemas(directory: Path) -> dict[tuple[str, int], dict[str, Any]]:
    """``(type, version) → schema`` of every ``<Type>.v<N>.json`` in ``directory`` (others ignored)."""
    schemas = {}
    for path in sorted(directory.glob("*.json")):
        match = _SCHEMA_FILE.match(path.name)
        if match:
            schemas[(match["type"], int(match["version"]))] = json.loads(path.read_text(encoding="utf-8"))
    return schemas


def check_contracts(registry: EventRegistry, directory: Path) -> list[ContractViolation]:
    """Every violation of the rules above, breaking ones first (empty: the gate passes)."""
    declared = declared_schemas(registry)
    declared_version = {event_type: version for event_type, version in declared}
    committed = committed_schemas(directory)
    violations: list[ContractViolation] = []
    for (event_type, version), published in committed.items():
        current = declared_version.get(event_type)
        if current is None:
            violations.append(
                ContractViolation(
                    event_type,
                    version,
                    "the event type was removed",
                    "a published event type stays registered (published messages still arrive)",
                    breaking=True,
                )
            )
        elif version > current:
            violations.append(
                ContractViolation(
                    event_type,
                    version,
                    f"is published but the code declares v{current}",
                    "a version never goes back",
                    breaking=True,
                )
            )
        elif version == current:
            violations.extend(_changes(event_type, version, published, declared[(event_type, version)]))
        else:
            violations.extend(
                _missing_upcasters(registry, event_type, version, current)
                or _failed_upcasting(registry, event_type, version, published)
            )
    for event_type, version in declared:
        if (event_type, version) not in committed:
            violations.append(
                ContractViolation(event_type, version, "its schema is not committed", WRITE_HINT, breaking=False)
            )
    return sorted(violations, key=lambda violation: not violation.breaking)


def _changes(
    event_type: str, version: int, published: dict[str, Any], declared: dict[str, Any]
) -> list[ContractViolation]:
    changes = compare_schemas(published, declared)
    remedy = f"publish it as v{version + 1} and register an upcaster v{version}→v{version + 1}"
    violations = [ContractViolation(event_type, version, why, remedy, breaking=True) for why in changes.breaking]
    if not violations and published != declared:
        problem = "; ".join(changes.compatible) or "the committed schema differs from the generated one"
        violations.append(
            ContractViolation(event_type, version, f"changed compatibly ({problem})", WRITE_HINT, breaking=False)
        )
    return violations


def _missing_upcasters(
    registry: EventRegistry, event_type: str, published: int, current: int
) -> list[ContractViolation]:
    return [
        ContractViolation(
            event_type,
            version,
            f"no upcaster v{version}→v{version + 1} is registered"
            f" (v{published} is published, the code declares v{current})",
            f"register an upcaster v{version}→v{version + 1}",
            breaking=True,
        )
        for version in range(published, current)
        if not registry.has_upcaster(event_type, version)
    ]


_SAMPLE_VALUES: dict[str, object] = {"string": "x", "integer": 1, "number": 1.5, "boolean": True, "null": None}
_SAMPLE_FORMATS: dict[str, object] = {"date-time": "2026-01-01T00:00:00Z"}


def _samples(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Two payloads the schema allows: its required fields only, and every field."""

    def value(field: dict[str, Any]) -> object:
        if field.get("enum"):
            return field["enum"][0]
        if field.get("format") in _SAMPLE_FORMATS:
            return _SAMPLE_FORMATS[field["format"]]
        kinds = [field["type"]] if isinstance(field.get("type"), str) else list(field.get("type", ["null"]))
        return _SAMPLE_VALUES.get(next((kind for kind in kinds if kind != "null"), "null"))

    fields: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", ()))
    return [
        {name: value(field) for name, field in fields.items() if name in required},
        {name: value(field) for name, field in fields.items()},
    ]


def _failed_upcasting(
    registry: EventRegistry, event_type: str, published: int, published_schema: dict[str, Any]
) -> list[ContractViolation]:
    """Payloads of the published version, upcast and decoded as a consumer would: each failure."""
    violations = []
    for sample in _samples(published_schema):
        envelope = EventEnvelope("gate", event_type, published, datetime.now(UTC), "gate", "gate", "gate", sample)
        try:
            registry.decode(envelope)
        except Exception as error:  # an upcaster may raise anything; the gate reports it
            problem = f"a payload of v{published} upcast to the declared version does not decode ({error})"
            violations.append(ContractViolation(event_type, published, problem, "fix its upcasters", breaking=True))
            break
    return violations


def write_contracts(registry: EventRegistry, directory: Path) -> list[Path]:
    """Write the declared versions' schemas into ``directory``; the files that changed.

    Raises ``ContractGateFailed`` (writing nothing) while any violation is breaking."""
    breaking = [violation for violation in check_contracts(registry, directory) if violation.breaking]
    if breaking:
        raise ContractGateFailed(breaking)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for (event_type, version), schema in declared_schemas(registry).items():
        path = directory / schema_file_name(event_type, version)
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def _registry_named(reference: str) -> EventRegistry:
    """``package.module:name`` → the registry it names (or a function's result)."""
    module_name, _, attribute = reference.partition(":")
    if not module_name or not attribute:
        raise SystemExit(f"--registry must be package.module:name, got {reference!r}")
    value: object = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(value, EventRegistry) and callable(value):
        value = value()
    if not isinstance(value, EventRegistry):
        raise SystemExit(f"{reference} is not an EventRegistry (nor a function returning one)")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline_kit.events.contract_gate", description=__doc__)
    parser.add_argument("command", choices=("check", "write"))
    parser.add_argument("--registry", required=True, help="package.module:name of the EventRegistry")
    parser.add_argument("--dir", required=True, type=Path, help="the directory of committed schemas")
    arguments = parser.parse_args(argv)
    registry = _registry_named(arguments.registry)
    if arguments.command == "check":
        violations = check_contracts(registry, arguments.dir)
        for violation in violations:
            print(violation, file=sys.stderr)  # noqa: T201 - the CLI's output
        return 1 if violations else 0
    try:
        written = write_contracts(registry, arguments.dir)
    except ContractGateFailed as failure:
        print(failure, file=sys.stderr)  # noqa: T201 - the CLI's output
        return 1
    for path in written:
        print(f"wrote {path}")  # noqa: T201 - the CLI's output
    return 0


if __name__ == "__main__":
    sys.exit(main())
