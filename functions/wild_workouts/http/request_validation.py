"""Validating a request against its OpenAPI operation: JSON body, query and path parameters.

Every violation is a 400 ``ApiError``: ``malformed_json`` for a body that is not JSON the API
can take, ``invalid_request`` (message lists what is wrong, where) for a schema violation.
"Not JSON the API can take" includes two texts that are JSON by RFC 8259's grammar: one nested
deeper than ``LONGEST_JSON_NESTING`` arrays and objects (refused before parsing, so
``json.loads`` never recurses into ``RecursionError``; the documented bodies nest 2 deep), and
one holding a lone UTF-16 surrogate such as ``"\\ud800"`` (not Unicode text: it cannot be
encoded as UTF-8, so Firestore could not store it; I-JSON, RFC 7493, forbids it too). Business
rules (hour in the future, opening hours...) are not here: the domain checks them (422).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from itertools import accumulate
from typing import Any

from wild_workouts.http.api_error import ApiError
from wild_workouts.http.json_schema import schema_errors
from wild_workouts.http.openapi_document import parameters, request_body_schema

LONGEST_JSON_NESTING = 32
"""The deepest nesting of arrays and objects a request body may have."""

# A JSON string, or an unterminated one up to the end of the text (where a parser fails too):
# possessive and unrolled, so every opening quote is matched once, in linear time overall.
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]++")
_NESTING_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def validated_body(raw: bytes, operation_spec: Mapping[str, Any], document: Mapping[str, Any]) -> Any:
    """The parsed JSON body (None when the operation takes none)."""
    schema = request_body_schema(operation_spec)
    if schema is None:
        return None
    if not raw.strip():
        raise ApiError(400, "malformed_json", "a JSON request body is required")
    body = _parsed_json(raw)
    _raise_if_invalid(schema_errors(body, schema, document), "body")
    return body


def _parsed_json(raw: bytes) -> Any:
    try:
        text = raw.decode(json.detect_encoding(raw), "surrogatepass")  # as json.loads(bytes) does
    except UnicodeDecodeError as error:
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {error}"[:200]) from None
    if json_nesting(text) > LONGEST_JSON_NESTING:
        raise ApiError(400, "malformed_json", f"the body nests deeper than {LONGEST_JSON_NESTING} arrays and objects")
    try:
        body = json.loads(text)
    except ValueError as error:
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {error}"[:200]) from None
    if not _is_unicode_text(body):
        raise ApiError(400, "malformed_json", "the body holds a lone UTF-16 surrogate (\\ud800-\\udfff), not text")
    return body


def json_nesting(text: str) -> int:
    """How deep arrays and objects nest in the JSON text ``text``, brackets inside strings not
    counted: exact for a valid text, and for an invalid one exact up to where a parser would
    fail (the strings it skips are the ones a parser reads). Linear time, no recursion."""
    brackets = _NOT_A_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_NESTING_STEP.__getitem__, brackets)), default=0)


def _is_unicode_text(body: Any) -> bool:
    """Whether every string of the parsed ``body`` (property names too) encodes as UTF-8."""
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def validated_parameters(
    values: Mapping[str, str],
    where: str,
    operation_spec: Mapping[str, Any],
    document: Mapping[str, Any],
) -> dict[str, str]:
    """The declared ``where`` parameters that are present, each checked against its schema.

    Header names are matched case-insensitively: pass ``values`` with lower-case keys.
    """
    result: dict[str, str] = {}
    errors: list[str] = []
    for parameter in parameters(operation_spec, where):
        name = parameter["name"]
        key = name.lower() if where == "header" else name
        if key not in values:
            if parameter.get("required"):
                errors.append(f"{where} parameter {name!r} is required")
            continue
        value = values[key]
        problems = schema_errors(value, parameter.get("schema", {}), document)
        errors.extend(problem.replace("$", f"{where} parameter {name!r}", 1) for problem in problems)
        result[name] = value
    _raise_if_invalid(errors, where)
    return result


def _raise_if_invalid(errors: list[str], where: str) -> None:
    if errors:
        raise ApiError(400, "invalid_request", f"invalid {where}: " + "; ".join(errors))
