"""The JSON Schema subset validator."""

from __future__ import annotations

from typing import Any

import pytest

from wild_workouts.http.json_schema import resolve, schema_errors

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
