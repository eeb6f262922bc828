"""Strict JSON (de)serialisation of frozen-dataclass event payloads, without pydantic.

Supported field types: ``str``, ``int`` (not ``bool``), ``bool``, ``float`` (ints accepted),
``datetime`` (ISO 8601 with a time zone, normalised to UTC; written as ``...Z``), and any of
these ``| None``. Unknown fields, missing required fields and wrong types are refused with a
message naming the field. Built once per payload type; decoding is a dict walk.

Why not pydantic here: it is the single largest cost of a cold start (importing it and building
a validator for the first type take ~90 ms on the first request). Payload types that *are*
pydantic models are still accepted by the registry (it calls ``model_validate``/``model_dump``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any


class PayloadInvalid(ValueError):
    """The payload does not match its type; the message names the field."""


Check = Callable[[str, object], object]
Dump = Callable[[object], object]


def _text(name: str, value: object) -> object:
    if not isinstance(value, str):
        raise PayloadInvalid(f"field {name!r} must be a string, got {type(value).__name__}")
    return value


def _integer(name: str, value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayloadInvalid(f"field {name!r} must be an integer, got {type(value).__name__}")
    return value


def _boolean(name: str, value: object) -> object:
    if not isinstance(value, bool):
        raise PayloadInvalid(f"field {name!r} must be true or false, got {type(value).__name__}")
    return value


def _number(name: str, value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PayloadInvalid(f"field {name!r} must be a number, got {type(value).__name__}")
    return float(value)


def _timestamp(name: str, value: object) -> object:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise PayloadInvalid(f"field {name!r} must be an ISO 8601 timestamp, got {value[:40]!r}") from None
    else:
        raise PayloadInvalid(f"field {name!r} must be an ISO 8601 timestamp, got {type(value).__name__}")
    if parsed.tzinfo is None:
        raise PayloadInvalid(f"field {name!r} must carry a time zone, got {str(value)[:40]!r}")
    return parsed.astimezone(UTC)


def _dump_timestamp(value: object) -> object:
    assert isinstance(value, datetime)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _same(value: object) -> object:
    return value


_SCALARS: dict[object, tuple[Check, Dump]] = {
    str: (_text, _same),
    int: (_integer, _same),
    bool: (_boolean, _same),
    float: (_number, _same),
    datetime: (_timestamp, _dump_timestamp),
}


def _field_codec(name: str, annotation: object) -> tuple[Check, Dump]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [member for member in typing.get_args(annotation) if member is not type(None)]
        if len(members) != 1 or len(typing.get_args(annotation)) != 2:
            raise TypeError(f"field {name!r}: only 'X | None' unions are supported, got {annotation}")
        check, dump = _field_codec(name, members[0])

        def optional_check(field: str, value: object) -> object:
            return None if value is None else check(field, value)

        def optional_dump(value: object) -> object:
            return None if value is None else dump(value)

        return optional_check, optional_dump
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"field {name!r}: unsupported payload field type {annotation}")


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    required: bool
    check: Check
    dump: Dump


class DataclassCodec:
    """Decode a JSON object into ``payload_type`` (strictly) and encode it back."""

    def __init__(self, payload_type: type[Any]) -> None:
        if not dataclasses.is_dataclass(payload_type):
            raise TypeError(f"{payload_type.__name__} is not a dataclass")
        hints = typing.get_type_hints(payload_type)
        self._type = payload_type
        self._fields = [
            _Field(
                field.name,
                field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING,
                *_field_codec(field.name, hints[field.name]),
            )
            for field in dataclasses.fields(payload_type)
            if field.init
        ]
        self._names = frozenset(field.name for field in self._fields)

    def decode(self, document: Mapping[str, Any]) -> Any:
        unknown = sorted(set(document) - self._names)
        if unknown:
            raise PayloadInvalid(f"unknown field(s) {', '.join(repr(u[:40]) for u in unknown[:5])}")
        values: dict[str, object] = {}
        for field in self._fields:
            if field.name in document:
                values[field.name] = field.check(field.name, document[field.name])
            elif field.required:
                raise PayloadInvalid(f"field {field.name!r} is required")
        try:
            return self._type(**values)
        except (TypeError, ValueError) as error:
            raise PayloadInvalid(str(error)) from None

    def encode(self, payload: Any) -> dict[str, Any]:
        return {field.name: field.dump(getattr(payload, field.name)) for field in self._fields}
