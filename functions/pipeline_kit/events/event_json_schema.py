"""The JSON Schema (draft 2020-12) of an event payload type and version, from its dataclass.

It describes exactly what the kit's ``DataclassCodec`` reads and writes as the envelope's
``payload``: an object with the dataclass's fields and no others (``additionalProperties``
false, because the codec refuses unknown fields), a field without a default ``required``;
``str`` → ``string``, ``int`` → ``integer``, ``bool`` → ``boolean``, ``float`` → ``number``
(integers are accepted), ``datetime`` → ``string`` with ``format: date-time``, ``X | None``
adds ``null``. The event's name and version are in ``x-event-type`` and ``x-event-version``.

Docstrings are left out on purpose: a schema changes only when the shape of the payload does.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import Any

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SCALAR_SCHEMAS: dict[object, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    datetime: {"type": "string", "format": "date-time"},
}


def event_json_schema(payload_type: type[Any]) -> dict[str, Any]:
    """The schema of ``payload_type`` (a dataclass with ``event_type`` and ``version``).

    Raises ``TypeError`` for a payload type that is not a dataclass or has a field type the
    codec does not support (the same types ``DataclassCodec`` refuses)."""
    if not dataclasses.is_dataclass(payload_type):
        raise TypeError(f"{payload_type.__name__}: the contract gate reads dataclass payload types only")
    event_type, version = str(getattr(payload_type, "event_type")), int(getattr(payload_type, "version"))  # noqa: B009
    hints = typing.get_type_hints(payload_type)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in dataclasses.fields(payload_type):
        if not field.init:
            continue
        properties[field.name] = _field_schema(payload_type.__name__, field.name, hints[field.name])
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            required.append(field.name)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"{event_type} v{version}",
        "x-event-type": event_type,
        "x-event-version": version,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _field_schema(owner: str, name: str, annotation: object) -> dict[str, Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        arguments = typing.get_args(annotation)
        members = [member for member in arguments if member is not type(None)]
        if len(members) == 1 and len(arguments) == 2:
            inner = _field_schema(owner, name, members[0])
            return {**inner, "type": [inner["type"], "null"]}
    elif annotation in _SCALAR_SCHEMAS:
        return dict(_SCALAR_SCHEMAS[annotation])
    raise TypeError(f"{owner}.{name}: unsupported payload field type {annotation}")
