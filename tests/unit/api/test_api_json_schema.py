"""The OpenAPI document's schemas checked by the library, in the API's words."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pytest

from wild_workouts.http.json_schema import schema_errors
from wild_workouts.http.openapi_document import openapi_document, operations, request_body_schema, resolve

pytestmark = pytest.mark.unit
ROOT: dict[str, Any] = {
    "components": {
        "schemas": {
            "Hour": {"type": "string", "format": "date-time"},
            "Alias": {"$ref": "#/components/schemas/Hour"},
            "Thing": {
                "type": "object",
                "required": ["n"],
                "additionalProperties": False,
                "properties": {
                    "n": {"type": "integer", "minimum": 1, "maximum": 3},
                    "tag": {"type": ["string", "null"], "enum": ["a", "b", None]},
                    "list": {"type": "array", "items": {"$ref": "#/components/schemas/Alias"}, "uniqueItems": True},
                    "code": {"type": "string", "pattern": "^[a-z]+$", "minLength": 2},
                },
            },
        }
    }
}
THING = {"$ref": "#/components/schemas/Thing"}


def test_a_valid_instance_has_no_errors() -> None:
    instance = {"n": 2, "tag": None, "list": ["2026-12-01T13:00:00Z", "2026-12-01T14:00:00+02:00"], "code": "ab"}
    assert schema_errors(instance, THING, ROOT) == []


@pytest.mark.parametrize(
    ("instance", "error"),
    [
        ({"n": True}, "$.n: must be integer, got boolean"),
        ({"n": 2.0}, "$.n: must be integer, got number"),
        ({"n": 0}, "$.n: must be at least 1, got 0"),
        ({"n": 4}, "$.n: must be at most 3, got 4"),
        ({"n": 1, "tag": "c"}, "$.tag: must be one of 'a', 'b', None"),
        ({"n": 1, "list": ["x"]}, "$.list[0]: must be an RFC 3339 date-time"),
        ({"n": 1, "list": ["2026-12-01T13:00:00Z"] * 2}, "$.list: items must be unique"),
        ({"n": 1, "code": "a"}, "$.code: must have at least 2 characters"),
        ({"n": 1, "code": "AB"}, "$.code: must match ^[a-z]+$"),
        ({"n": 1, "code": "ab\n"}, "$.code: must match ^[a-z]+$"),
        ({"n": 1, "code": "ab\nab"}, "$.code: must match ^[a-z]+$"),
        ({"n": 1, "list": ["2026-12-01T13:00:00Z\n"]}, "$.list[0]: must be an RFC 3339 date-time"),
        ({"n": 1, "list": ["\u0662\u0660\u0662\u0666-12-01T13:00:00Z"]}, "$.list[0]: must be an RFC 3339 date-time"),
        ({"n": 1, "extra": 1}, "$: unknown property 'extra'"),
        ({}, "$: missing required property 'n'"),
        (None, "$: must be object, got null"),
    ],
)
def test_each_violation_is_reported_with_its_path(instance: object, error: str) -> None:
    errors = schema_errors(instance, THING, ROOT)
    assert any(found.startswith(error) for found in errors), errors


def test_errors_are_capped() -> None:
    schema = {"type": "array", "items": {"type": "integer"}}
    assert len(schema_errors(["x"] * 50, schema, ROOT, limit=5)) == 5


def test_only_local_references_resolve() -> None:
    assert resolve({"$ref": "#/components/schemas/Alias"}, ROOT) == {"type": "string", "format": "date-time"}
    with pytest.raises(ValueError, match="unsupported"):
        resolve({"$ref": "https://example.com/schema.json"}, ROOT)


def test_patterns_match_the_whole_string_even_unanchored() -> None:
    """A JSON Schema ``pattern`` is checked with a full match: the OpenAPI document anchors its
    patterns anyway, and ``re.search`` with ``$`` would let a trailing newline through."""
    schema = {"type": "string", "pattern": "[a-z]+"}
    assert schema_errors("abc", schema, ROOT) == []
    assert schema_errors("abc\n", schema, ROOT) != []
    assert schema_errors("1abc", schema, ROOT) != []


@pytest.mark.parametrize("number", [math.inf, -math.inf, math.nan])
def test_a_non_finite_number_is_the_wrong_type_not_null(number: float) -> None:
    """The library reads a non-finite number as null; the error is worded from the value."""
    assert schema_errors({"n": number}, THING, ROOT) == ["$.n: must be integer, got number"]
    assert schema_errors({"n": 1, "tag": number}, THING, ROOT) == ["$.tag: must be string or null, got number"]


def test_no_request_schema_takes_null_or_a_number_that_is_not_an_integer() -> None:
    """What keeps a non-finite number (null to the library) from passing: no request body or
    parameter schema accepts null, and none a number other than an integer."""
    document = openapi_document()
    types: set[str] = set()
    for _, _, spec in operations(document):
        body = request_body_schema(spec)
        roots = [parameter["schema"] for parameter in spec.get("parameters", [])]
        _collect_types([*roots, *([body] if body else [])], document, types, set())
    assert types, "no request schema found"
    assert not types & {"null", "number"}, types


def _collect_types(node: Any, document: Mapping[str, Any], types: set[str], seen: set[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _collect_types(item, document, types, seen)
    elif isinstance(node, dict):
        reference = node.get("$ref")
        if reference is not None and reference not in seen:
            seen.add(reference)
            _collect_types(resolve(node, document), document, types, seen)
        declared = node.get("type", [])
        types.update(declared if isinstance(declared, list) else [declared])
        _collect_types(list(node.get("properties", {}).values()), document, types, seen)
        _collect_types([node.get("items"), node.get("additionalProperties")], document, types, seen)


def test_errors_come_in_document_order_whatever_the_keyword() -> None:
    instance = {"extra": 1, "tag": 5, "n": 0, "list": ["x", "2026-12-01T13:00:00Z", 3], "code": "A"}
    assert schema_errors(instance, THING, ROOT) == [
        "$: unknown property 'extra'",
        "$.tag: must be string or null, got integer",
        "$.n: must be at least 1, got 0",
        "$.list[0]: must be an RFC 3339 date-time with a zone, e.g. 2026-12-01T13:00:00Z, got 'x'",
        "$.list[2]: must be string, got integer",
        "$.code: must have at least 2 characters",
        "$.code: must match ^[a-z]+$",
    ]
    assert schema_errors({"list": 3, "extra": 1}, THING, ROOT) == [
        "$: missing required property 'n'",
        "$.list: must be array, got integer",
        "$: unknown property 'extra'",
    ]


def test_thousands_of_wrong_items_answer_their_first_errors() -> None:
    hours = {"$ref": "#/components/schemas/HoursRequest"}
    errors = schema_errors({"extra": 1, "hours": [1] * 30_000}, hours, openapi_document(), limit=4)
    assert errors == [
        "$: unknown property 'extra'",
        "$.hours: must have at most 100 items, got 30000",
        "$.hours[0]: must be string, got integer",
        "$.hours[1]: must be string, got integer",
    ]
