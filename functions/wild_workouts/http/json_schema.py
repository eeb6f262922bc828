"""Instances checked against the OpenAPI document's schemas by jsonschema-rs, in the API's words.

The library decides what is valid; this module picks its options and words each error as
``"<json path>: <what is wrong>"``, every violation in document order (``schema_errors``):

- **Draft 4 semantics.** The document uses only ``SUPPORTED_KEYWORDS`` (a unit test checks),
  which mean the same in Draft 4 as in OpenAPI 3.1's 2020-12 but for ``integer``: in Draft 4,
  as in this API, a number written with a fraction or an exponent (``2.0``, ``1e2``: Python
  parses them as floats) is not an integer. A ``$ref`` replaces its schema (siblings ignored).
- **Formats** ``date`` and ``date-time`` are the API's own (``wire_format``); no other format
  may appear (an unknown one fails when the validator is built).
- **Patterns** must match the whole string: each is compiled as ``^(?:pattern)$``, and in the
  library's regexes ``$`` is the very end (``"ab\\n"`` does not match ``^[a-z]+$``, as it
  would with Python's ``re.search``).
- **A non-finite number** (``NaN``, ``Infinity``, ``1e400``, which Python parses) reaches the
  library as null. No request schema takes null or a non-integer number (a unit test checks),
  so it is refused as the wrong type, and worded from the value itself: ``got number``.
- **One error per value of the wrong type** (or outside its ``enum``): the rest of what its
  schema says about it is not reported, nor its items or properties.

The library is imported when the first validator is built (the API's first request), never by
``import main``. ``schema_errors`` never raises for bad *instances*.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from wild_workouts.http.wire_format import date_problem, date_time_problem

if TYPE_CHECKING:
    from jsonschema_rs import Validator

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

_FORMATS: dict[str, Callable[[str], str | None]] = {"date": date_problem, "date-time": date_time_problem}
_KEYWORD_ORDER = "type enum minLength maxLength pattern format minimum maximum minItems maxItems uniqueItems required"
_RANK = {keyword: rank for rank, keyword in enumerate(_KEYWORD_ORDER.split())}
"""Where a keyword's error stands among a value's own (its items' and properties' come after)."""

_ERRORS_READ = 1000
"""How many of the library's errors are read: it walks depth first, an object's own keywords
before its properties and an array's before its items (by index), so the first ``limit``
violations in document order are among its first errors, unless two properties of one object
each hold hundreds of wrong values (none of the document's objects has two arrays). Reading no
more bounds the work on a body of thousands of wrong items (a 64 KiB body holds 20,000)."""

Path = tuple[str | int, ...]


class _Violation(NamedTuple):
    path: Path
    """Where in the instance: keys and list indices (an unknown property's own name last)."""
    position: tuple[int, ...]
    """The path's place in document order: each step's index among its siblings."""
    keyword: str
    order: tuple[int, int]
    """(rank of the keyword, index of a missing property in ``required``): the place among the
    errors of one value."""
    schema: Mapping[str, Any]
    """The schema holding ``keyword``, as written in the document."""
    name: str = ""
    """The missing or unknown property."""


_validators: dict[tuple[int, str], tuple[Mapping[str, Any], Validator, dict[str, Any]]] = {}


def schema_errors(instance: Any, schema: Mapping[str, Any], root: Mapping[str, Any], limit: int = 10) -> list[str]:
    """Every violation of ``schema`` by ``instance`` (``root`` holds the ``components`` its
    ``$ref`` names), the first ``limit`` in document order: a value's own before its items'
    or properties', items by index, properties (and unknown ones) in the instance's order,
    missing ones first in the order ``required`` lists them."""
    validator, source = _validator(schema, root)
    try:
        if validator.is_valid(instance):
            return []
        found = validator.evaluate(instance).errors()[:_ERRORS_READ]
    except UnicodeEncodeError:  # a lone surrogate: request bodies are refused before this
        return ["$: must be Unicode text, without a lone UTF-16 surrogate"]
    violations = list(_violations(found, instance, source))
    decisive: dict[Path, str] = {}
    for violation in violations:
        if violation.keyword == "type" or (violation.keyword == "enum" and violation.path not in decisive):
            decisive[violation.path] = violation.keyword
    first = heapq.nsmallest(
        limit,
        (violation for violation in violations if not decisive or _reported(violation, decisive)),
        key=lambda violation: (violation.position, violation.order),
    )
    return [_message(violation, instance) for violation in first]


def _validator(schema: Mapping[str, Any], root: Mapping[str, Any]) -> tuple[Validator, dict[str, Any]]:
    """The compiled validator of ``schema`` (built once per schema text and root document,
    which stays alive in the cache, so its id is not reused) and the schema document its
    errors point into (as written: the validator's copy has its patterns anchored)."""
    key = (id(root), json.dumps(schema, sort_keys=True))
    cached = _validators.get(key)
    if cached is None or cached[0] is not root:
        from jsonschema_rs import Draft4Validator

        source = {**schema, "components": root.get("components", {})}
        formats = {name: _passes(problem) for name, problem in _FORMATS.items()}
        validator = Draft4Validator(
            _anchored(source), formats=formats, validate_formats=True, ignore_unknown_formats=False
        )
        cached = _validators[key] = (root, validator, source)
    return cached[1], cached[2]


def _anchored(node: Any) -> Any:
    """A copy of the schema ``node`` in which every ``pattern`` must match the whole string."""
    if isinstance(node, dict):
        return {
            key: f"^(?:{value})$" if key == "pattern" and isinstance(value, str) else _anchored(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_anchored(value) for value in node]
    return node


def _passes(problem: Callable[[str], str | None]) -> Callable[[str], bool]:
    return lambda text: problem(text) is None


def _violations(found: list[Any], instance: Any, source: Mapping[str, Any]) -> Iterator[_Violation]:
    """The library's errors (JSON pointers into the instance and into ``source``) as
    violations. An object's missing and unknown properties are found here, from the object and
    its schema, whichever of ``required`` and ``additionalProperties`` the library names (its
    evaluation output may name one for the other)."""
    schemas: dict[str, tuple[Any, str]] = {}
    instance_path = _InstancePaths(instance)
    objects_seen: set[tuple[Path, int]] = set()
    for error in found:
        location = error["schemaLocation"]
        known = schemas.get(location)
        if known is None:
            *schema_path, keyword = _pointer(location)
            node: Any = source
            for part in schema_path:
                node = node[part]
            known = schemas[location] = (node, keyword)
        schema, keyword = known
        path, position = instance_path.of(error["instanceLocation"])
        if keyword not in ("required", "additionalProperties"):
            yield _Violation(path, position, keyword, (_RANK.get(keyword, len(_RANK)), 0), schema)
            continue
        if (path, id(schema)) in objects_seen:
            continue
        objects_seen.add((path, id(schema)))
        value = _at(instance, path)
        for index, name in enumerate(schema.get("required", ())):
            if name not in value:
                yield _Violation(path, position, "required", (_RANK["required"], index), schema, name)
        if schema.get("additionalProperties", True) is False:
            declared = schema.get("properties", {})
            for index, name in enumerate(value):
                if name not in declared:
                    where = ((*path, name), (*position, index))
                    yield _Violation(*where, "additionalProperties", (-1, 0), schema, name)


def _message(violation: _Violation, instance: Any) -> str:
    keyword, schema, name = violation.keyword, violation.schema, violation.name
    if keyword == "additionalProperties":
        return f"{_json_path(violation.path[:-1])}: unknown property {name[:40]!r}"
    where = _json_path(violation.path)
    if keyword == "required":
        return f"{where}: missing required property {name!r}"
    return f"{where}: {_what_is_wrong(keyword, schema, _at(instance, violation.path))}"


_WORDS: dict[str, Callable[[Any, Any], str]] = {
    "type": lambda types, value: (
        f"must be {' or '.join(types if isinstance(types, list) else [types])}, got {_json_type(value)}"
    ),
    "enum": lambda options, _: "must be one of " + ", ".join(repr(option) for option in options),
    "format": lambda name, value: _FORMATS[name](value) or f"must be a {name}",
    "minLength": lambda limit, _: f"must have at least {limit} characters",
    "maxLength": lambda limit, value: f"must have at most {limit} characters, got {len(value)}",
    "pattern": lambda pattern, _: f"must match {pattern}",
    "minimum": lambda limit, value: f"must be at least {limit}, got {value}",
    "maximum": lambda limit, value: f"must be at most {limit}, got {value}",
    "minItems": lambda limit, _: f"must have at least {limit} items",
    "maxItems": lambda limit, value: f"must have at most {limit} items, got {len(value)}",
    "uniqueItems": lambda _, __: "items must be unique",
}
"""What is wrong, from the keyword's value in the schema and the instance's value."""


def _what_is_wrong(keyword: str, schema: Mapping[str, Any], value: Any) -> str:
    words = _WORDS.get(keyword)
    return f"breaks {keyword!r}" if words is None else words(schema[keyword], value)


def _reported(violation: _Violation, decisive: Mapping[Path, str]) -> bool:
    """Whether a violation stands: not below or beside a wrong type (nor an enum miss when the
    type is right) at its own path or an enclosing one."""
    path = violation.path
    for depth in range(len(path) + 1):
        found = decisive.get(path[:depth])
        if found is not None and not (depth == len(path) and found == violation.keyword):
            return False
    return True


class _InstancePaths:
    """JSON pointers into one instance as paths (keys and list indices) and their places in
    document order."""

    def __init__(self, instance: Any) -> None:
        self._instance = instance
        self._keys: dict[int, dict[str, int]] = {}

    def of(self, pointer: str) -> tuple[Path, tuple[int, ...]]:
        path: list[str | int] = []
        position: list[int] = []
        node = self._instance
        for token in _pointer(pointer):
            if isinstance(node, list):
                index = int(token)
                path.append(index)
                position.append(index)
                node = node[index]
                continue
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {key: index for index, key in enumerate(node)}
            path.append(token)
            position.append(keys[token])
            node = node[token]
        return tuple(path), tuple(position)


def _pointer(pointer: str) -> list[str]:
    """The reference tokens of a JSON pointer (RFC 6901)."""
    tokens = pointer.split("/")[1:]
    if "~" in pointer:
        return [token.replace("~1", "/").replace("~0", "~") for token in tokens]
    return tokens


def _at(instance: Any, path: Path) -> Any:
    for part in path:
        instance = instance[part]
    return instance


def _json_path(path: Path) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


_JSON_TYPES: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("null", lambda value: value is None),
    ("boolean", lambda value: isinstance(value, bool)),
    ("integer", lambda value: isinstance(value, int)),
    ("number", lambda value: isinstance(value, float)),
    ("string", lambda value: isinstance(value, str)),
    ("array", lambda value: isinstance(value, list)),
    ("object", lambda value: isinstance(value, dict)),
)


def _json_type(value: Any) -> str:
    return next((name for name, test in _JSON_TYPES if test(value)), type(value).__name__)
