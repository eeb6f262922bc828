"""A small validator for the JSON Schema subset the OpenAPI document uses.

Supported keywords: ``$ref`` (local, ``#/...``), ``type`` (a name or a list, ``null``
included), ``enum``, ``properties``, ``required``, ``additionalProperties`` (boolean or
schema), ``minLength``, ``maxLength``, ``pattern``, ``format`` (``date``, ``date-time``),
``minimum``, ``maximum``, ``items``, ``minItems``, ``maxItems``, ``uniqueItems``. Other
keywords (``description``, ``example``...) are ignored. A schema using a keyword outside the
subset is not an error here: a unit test checks that the document uses only this subset.

Two choices of this API, stricter than JSON Schema's letter: a ``pattern`` must match the
*whole* string (``re.fullmatch``: an unanchored pattern is anchored, and ``$`` does not let a
trailing newline through as it would with ``re.search``); ``date`` and ``date-time`` are
ASCII digits only, and must lie between ``FIRST_DAY`` and ``LAST_DAY`` (UTC): a value the API
can compute with, a day either side included (``9999-12-31T23:00:00-01:00`` is valid RFC 3339,
but its UTC instant is in year 10000; a calendar range ending on 9999-12-31 would need the day
after it).

``schema_errors`` never raises for bad *instances*: it returns every violation as
``"<json path>: <what is wrong>"`` (at most ``limit``), so the API can say all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

SUPPORTED_KEYWORDS = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "properties",
        "required",
        "additionalProperties",
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        # annotations, no validation
        "description",
        "title",
        "example",
        "examples",
        "default",
        "readOnly",
    }
)

FIRST_DAY = date(1, 1, 2)
LAST_DAY = date(9999, 12, 30)
"""The first and last day (UTC) of the dates and times the API accepts."""

_TYPE_CHECKS: dict[str, Any] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


def schema_errors(instance: Any, schema: Mapping[str, Any], root: Mapping[str, Any], limit: int = 10) -> list[str]:
    """Every violation of ``schema`` by ``instance`` (``root`` resolves ``$ref``)."""
    errors: list[str] = []
    _check(instance, schema, root, "$", errors, limit)
    return errors[:limit]


def resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow ``$ref`` chains (local references only)."""
    seen = 0
    while "$ref" in schema:
        reference = str(schema["$ref"])
        if not reference.startswith("#/") or seen > 20:
            raise ValueError(f"unsupported $ref {reference!r}")
        node: Any = root
        for part in reference[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema = node
        seen += 1
    return schema


def _check(
    value: Any,
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    path: str,
    errors: list[str],
    limit: int,
) -> None:
    if len(errors) >= limit:
        return
    schema = resolve(schema, root)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPE_CHECKS[name](value) for name in types):
            errors.append(f"{path}: must be {' or '.join(types)}, got {_json_type(value)}")
            return
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(repr(item) for item in schema["enum"])
        errors.append(f"{path}: must be one of {allowed}")
        return
    if isinstance(value, str):
        _check_string(value, schema, path, errors)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        _check_number(value, schema, path, errors)
    elif isinstance(value, list):
        _check_array(value, schema, root, path, errors, limit)
    elif isinstance(value, dict):
        _check_object(value, schema, root, path, errors, limit)


def _check_string(value: str, schema: Mapping[str, Any], path: str, errors: list[str]) -> None:
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append(f"{path}: must have at least {schema['minLength']} characters")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        errors.append(f"{path}: must have at most {schema['maxLength']} characters, got {len(value)}")
    if "pattern" in schema and not re.fullmatch(schema["pattern"], value):
        errors.append(f"{path}: must match {schema['pattern']}")
    fmt = schema.get("format")
    if fmt == "date":
        day = _date(value)
        if day is None:
            errors.append(f"{path}: must be a date YYYY-MM-DD, got {value[:40]!r}")
        elif not FIRST_DAY <= day <= LAST_DAY:
            errors.append(f"{path}: must be a day from {FIRST_DAY} to {LAST_DAY}, got {value!r}")
    if fmt == "date-time":
        instant = _date_time(value)
        if instant is None:
            errors.append(
                f"{path}: must be an RFC 3339 date-time with a zone, e.g. 2026-12-01T13:00:00Z, got {value[:40]!r}"
            )
        elif not _in_range(instant):
            errors.append(f"{path}: must be a time from {FIRST_DAY} to {LAST_DAY} (UTC), got {value!r}")


def _check_number(value: float, schema: Mapping[str, Any], path: str, errors: list[str]) -> None:
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: must be at least {schema['minimum']}, got {value}")
    if "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{path}: must be at most {schema['maximum']}, got {value}")


def _check_array(
    value: list[Any],
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    path: str,
    errors: list[str],
    limit: int,
) -> None:
    if "minItems" in schema and len(value) < schema["minItems"]:
        errors.append(f"{path}: must have at least {schema['minItems']} items")
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        errors.append(f"{path}: must have at most {schema['maxItems']} items, got {len(value)}")
    if schema.get("uniqueItems") and len({repr(item) for item in value}) != len(value):
        errors.append(f"{path}: items must be unique")
    if "items" in schema:
        for index, item in enumerate(value):
            _check(item, schema["items"], root, f"{path}[{index}]", errors, limit)


def _check_object(
    value: dict[str, Any],
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    path: str,
    errors: list[str],
    limit: int,
) -> None:
    properties: Mapping[str, Any] = schema.get("properties", {})
    for name in schema.get("required", []):
        if name not in value:
            errors.append(f"{path}: missing required property {name!r}")
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            _check(item, properties[name], root, f"{path}.{name}", errors, limit)
        elif extra is False:
            errors.append(f"{path}: unknown property {name[:40]!r}")
        elif isinstance(extra, Mapping):
            _check(item, extra, root, f"{path}.{name}", errors, limit)


def _date(value: str) -> date | None:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def _date_time(value: str) -> datetime | None:
    """The aware datetime ``value`` names (its own offset), or None when it is not one."""
    if not _DATE_TIME.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value.upper())
    except ValueError:
        return None


def _in_range(instant: datetime) -> bool:
    """Whether ``instant``, in UTC, falls on a day from FIRST_DAY to LAST_DAY (the offset may
    carry a time on 9999-12-31 or 0001-01-01 past what ``datetime`` can represent)."""
    try:
        utc_day = instant.astimezone(UTC).date()
    except OverflowError:
        return False
    return FIRST_DAY <= utc_day <= LAST_DAY


def _json_type(value: Any) -> str:
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if _TYPE_CHECKS[name](value):
            return name
    return type(value).__name__
