"""Is a new payload schema still a reader of everything the old one described?

The rule set of the contract gate, for the flat object schemas ``event_json_schema`` makes
(a property per field, scalar types, ``null`` for optional values, ``format``, ``enum``).
Compatible means *backward* compatible, as Confluent's schema registry names it: a consumer
built from the new schema decodes every payload that was valid for the old one, so messages
already published (in the outbox, a subscription's backlog, a parked record) stay readable.
The kit's codec refuses unknown fields, so the reverse (an old consumer reading new payloads)
never holds for a change: deploy consumers before producers.

Breaking: removing or renaming a field, adding a required field, making an optional field
required, changing a type (other than widening it: adding ``null``, ``integer`` → ``number``,
dropping a ``format``), narrowing or adding an ``enum``. Compatible: adding an optional field,
making a required field optional, widening a type or an enum.

Hand-written because no maintained checker fits: the one JSON Schema compatibility checker on
PyPI (``jsoncompat``, alpha) answers only true or false on Python 3.11, and the gate must name
the field and the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Schema = Mapping[str, Any]


@dataclass(frozen=True)
class SchemaChanges:
    """What changed from an old schema to a new one, each a short sentence naming the field."""

    breaking: list[str] = field(default_factory=list)
    compatible: list[str] = field(default_factory=list)


def compare_schemas(old: Schema, new: Schema) -> SchemaChanges:
    """The breaking and compatible changes from ``old`` to ``new`` (both flat object schemas)."""
    changes = SchemaChanges()
    old_fields: Mapping[str, Schema] = old.get("properties", {})
    new_fields: Mapping[str, Schema] = new.get("properties", {})
    old_required, new_required = set(old.get("required", ())), set(new.get("required", ()))
    removed = [name for name in old_fields if name not in new_fields]
    added = [name for name in new_fields if name not in old_fields]
    renamed = _renaming(removed, added, old_fields, new_fields)
    for name in removed:
        if name in renamed:
            changes.breaking.append(f"field {name!r} was renamed to {renamed[name]!r}")
        else:
            changes.breaking.append(f"field {name!r} was removed")
    for name in added:
        if name in renamed.values():
            continue
        if name in new_required:
            changes.breaking.append(f"field {name!r} was added as required (published payloads lack it)")
        else:
            changes.compatible.append(f"optional field {name!r} was added")
    for name in (name for name in old_fields if name in new_fields):
        if name in new_required and name not in old_required:
            changes.breaking.append(f"field {name!r} became required (published payloads may lack it)")
        elif name in old_required and name not in new_required:
            changes.compatible.append(f"field {name!r} became optional")
        _compare_field(name, old_fields[name], new_fields[name], changes)
    return changes


def _renaming(
    removed: list[str], added: list[str], old_fields: Mapping[str, Schema], new_fields: Mapping[str, Schema]
) -> dict[str, str]:
    """``{old name: new name}`` when exactly one field left and one of the same schema came."""
    if len(removed) != 1:
        return {}
    same = [name for name in added if new_fields[name] == old_fields[removed[0]]]
    return {removed[0]: same[0]} if len(same) == 1 else {}


def _compare_field(name: str, old: Schema, new: Schema, changes: SchemaChanges) -> None:
    old_types, new_types = _types(old), _types(new)
    old_format, new_format = old.get("format"), new.get("format")
    widened_numbers = {"number" if kind == "integer" and "number" in new_types else kind for kind in old_types}
    if not widened_numbers <= new_types or (new_format is not None and new_format != old_format):
        changes.breaking.append(f"field {name!r} changed type {_describe(old, new)} → {_describe(new, old)}")
    elif old_types != new_types or old_format != new_format:
        changes.compatible.append(f"field {name!r} widened from {_describe(old, new)} to {_describe(new, old)}")
    old_enum, new_enum = old.get("enum"), new.get("enum")
    if new_enum is not None:
        dropped = [value for value in old_enum or () if value not in new_enum]
        if old_enum is None:
            changes.breaking.append(f"field {name!r} is now limited to {_values(new_enum)}")
        elif dropped:
            changes.breaking.append(f"field {name!r} no longer allows {_values(dropped)} (enum narrowed)")
        elif set(map(repr, new_enum)) != set(map(repr, old_enum)):
            changes.compatible.append(f"field {name!r} allows more values (enum widened)")
    elif old_enum is not None:
        changes.compatible.append(f"field {name!r} allows any value (enum dropped)")


def _types(schema: Schema) -> set[str]:
    kind = schema.get("type")
    return {kind} if isinstance(kind, str) else set(kind or ())


def _describe(schema: Schema, other: Schema) -> str:
    """``string``, ``integer | null``; the format too when it is all that tells the two apart."""
    text = " | ".join(sorted(_types(schema), key=lambda kind: (kind == "null", kind)))
    if _types(schema) == _types(other) and schema.get("format") and schema.get("format") != other.get("format"):
        text += f" ({schema['format']})"
    return text


def _values(values: Any) -> str:
    return ", ".join(repr(value) for value in values)
