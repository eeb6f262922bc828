"""The ``Write`` protobufs of a commit, built straight on the raw protobuf classes.

Why: the client library's ``batch.create / set / update`` build each write through proto-plus
wrappers (a wrapper object, a marshal rule and an ``isinstance`` cascade per value), several
times the CPU of the protobuf itself; on a consumer that commits four documents per message it
was the largest single cost of the kit (``BENCHMARKS.md``, findings). The messages built here
are the same protobufs the library builds (``tests/unit/kit/firestore_writes/test_write_pbs.py``
compares them, field by field, with the library's for every kind of value and write), handed
to the batch with ``_add_write_pbs`` (the library's own path for prebuilt writes).

What is built here: ``create``, ``set`` (replace) and ``update`` (replace the listed top-level
fields, ``DELETE_FIELD`` for the removed ones) of documents whose values are ``None``, bool, int,
float, str, bytes, ``datetime``, lists/tuples and dicts of those. Anything else (a field
transform such as ``SERVER_TIMESTAMP`` or ``Increment``, a reference, a ``GeoPoint``, a field
name that is not a plain identifier in an ``update``) is not: ``write_pb`` returns None and the
caller uses the library's method, which knows every case.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

_IDENTIFIER = re.compile(r"^[_a-zA-Z][_a-zA-Z0-9]*$")
_NULL = 0  # google.protobuf.NullValue.NULL_VALUE
_WRITE: Any = None  # the raw protobuf classes, loaded with the library on first use (cold start)
_DOCUMENT: Any = None
_VALUE: Any = None
_MAP: Any = None
_ARRAY: Any = None
_PRECONDITION: Any = None
_MASK: Any = None
_TIMESTAMP: Any = None
_DELETE_FIELD: Any = None


def _load() -> None:
    global _WRITE, _DOCUMENT, _VALUE, _MAP, _ARRAY, _PRECONDITION, _MASK, _TIMESTAMP, _DELETE_FIELD  # noqa: PLW0603 - loaded once
    if _WRITE is not None:
        return
    from google.cloud.firestore_v1 import DELETE_FIELD
    from google.cloud.firestore_v1.types import common, document, write
    from google.protobuf import timestamp_pb2

    _DOCUMENT, _VALUE = document.Document.pb(), document.Value.pb()
    _MAP, _ARRAY = document.MapValue.pb(), document.ArrayValue.pb()
    _PRECONDITION, _MASK = common.Precondition.pb(), common.DocumentMask.pb()
    _TIMESTAMP, _DELETE_FIELD = timestamp_pb2.Timestamp, DELETE_FIELD
    _WRITE = write.Write.pb()


class _NotFast(Exception):
    """A value this module does not encode: the library's method builds the write."""


def create_pb(document_path: str, data: Mapping[str, Any]) -> Any | None:
    """``batch.create(ref, data)``'s write (must not exist), or None."""
    _load()
    try:
        return _WRITE(
            update=_DOCUMENT(name=document_path, fields=_fields(data)),
            current_document=_PRECONDITION(exists=False),
        )
    except _NotFast:
        return None


def set_pb(document_path: str, data: Mapping[str, Any]) -> Any | None:
    """``batch.set(ref, data)``'s write (replace, no precondition), or None."""
    _load()
    try:
        return _WRITE(update=_DOCUMENT(name=document_path, fields=_fields(data)))
    except _NotFast:
        return None


def update_pb(document_path: str, data: Mapping[str, Any], last_update_time: Any | None = None) -> Any | None:
    """``batch.update(ref, data, option=write_option(last_update_time=...))``'s write, or None:
    each top-level field of ``data`` replaced (``DELETE_FIELD``: removed); the document must
    exist (and, with ``last_update_time``, be unchanged since then)."""
    if not data or not all(_IDENTIFIER.match(name) for name in data):
        return None
    _load()
    try:
        fields = {name: _value(value) for name, value in data.items() if value is not _DELETE_FIELD}
    except _NotFast:
        return None
    try:
        if last_update_time is None:
            precondition = _PRECONDITION(exists=True)
        else:
            precondition = _PRECONDITION(update_time=_timestamp(last_update_time))
    except _NotFast:
        return None
    return _WRITE(
        update=_DOCUMENT(name=document_path, fields=fields),
        update_mask=_MASK(field_paths=sorted(data)),
        current_document=precondition,
    )


def _fields(data: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _value(value) for name, value in data.items()}


def _value(value: Any) -> Any:  # noqa: PLR0911 - one return per kind of value, as the library's encode_value
    kind = type(value)
    if kind is str:
        return _VALUE(string_value=value)
    if kind is bool:
        return _VALUE(boolean_value=value)
    if kind is int:
        return _VALUE(integer_value=value)
    if kind is float:
        return _VALUE(double_value=value)
    if value is None:
        return _VALUE(null_value=_NULL)
    if kind is datetime:
        return _VALUE(timestamp_value=_timestamp(value))
    if kind is bytes:
        return _VALUE(bytes_value=value)
    if kind is dict:
        return _VALUE(map_value=_MAP(fields={_key(name): _value(item) for name, item in value.items()}))
    if kind is list or kind is tuple:
        return _VALUE(array_value=_ARRAY(values=[_value(item) for item in value]))
    raise _NotFast(kind)


def _key(name: Any) -> str:
    if type(name) is not str:
        raise _NotFast(type(name))
    return name


def _timestamp(value: Any) -> Any:
    """The library's timestamp of a ``datetime`` (naive means UTC), at microsecond precision
    (as the library's precondition of a ``DatetimeWithNanoseconds`` read time is too; a stored
    value of that type keeps its nanoseconds, so ``_value`` leaves it to the library)."""
    if not isinstance(value, datetime):
        raise _NotFast(type(value))
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    utc = aware.astimezone(UTC)
    return _TIMESTAMP(seconds=calendar.timegm(utc.timetuple()), nanos=utc.microsecond * 1000)


def add_create(batch: Any, ref: Any, data: Mapping[str, Any]) -> None:
    """``batch.create(ref, data)``, with the write built here when it can be."""
    pb = create_pb(ref._document_path, data) if _takes_pbs(batch, ref) else None
    if pb is None:
        batch.create(ref, data)
    else:
        batch._add_write_pbs([pb])


def add_set(batch: Any, ref: Any, data: Mapping[str, Any]) -> None:
    """``batch.set(ref, data)``, with the write built here when it can be."""
    pb = set_pb(ref._document_path, data) if _takes_pbs(batch, ref) else None
    if pb is None:
        batch.set(ref, data)
    else:
        batch._add_write_pbs([pb])


def add_update(batch: Any, ref: Any, data: Mapping[str, Any], option: Any = None, last_update_time: Any = None) -> None:
    """``batch.update(ref, data, option=option)`` where ``option`` is the client's
    ``write_option(last_update_time=last_update_time)`` (or None), with the write built here when
    it can be."""
    pb = update_pb(ref._document_path, data, last_update_time) if _takes_pbs(batch, ref) else None
    if pb is None:
        if option is None:
            batch.update(ref, data)
        else:
            batch.update(ref, data, option=option)
    else:
        batch._add_write_pbs([pb])


def _takes_pbs(batch: Any, ref: Any) -> bool:
    """A library batch and reference (a test's stand-in client gets its own methods called)."""
    return hasattr(batch, "_add_write_pbs") and isinstance(getattr(ref, "_document_path", None), str)
