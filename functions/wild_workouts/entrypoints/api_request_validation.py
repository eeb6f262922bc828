"""Validating a request against its OpenAPI operation: JSON body, query and path parameters.

Every violation is a 400 ``ApiError``: ``malformed_json`` for a body that is not JSON,
``invalid_request`` (message lists what is wrong, where) for a schema violation. Business
rules (hour in the future, opening hours...) are not here: the domain checks them (422).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from wild_workouts.entrypoints.api_error import ApiError
from wild_workouts.entrypoints.api_json_schema import schema_errors
from wild_workouts.entrypoints.api_openapi import parameters, request_body_schema


def validated_body(raw: bytes, operation_spec: Mapping[str, Any], document: Mapping[str, Any]) -> Any:
    """The parsed JSON body (None when the operation takes none)."""
    schema = request_body_schema(operation_spec)
    if schema is None:
        return None
    if not raw.strip():
        raise ApiError(400, "malformed_json", "a JSON request body is required")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {error}"[:200]) from None
    _raise_if_invalid(schema_errors(body, schema, document), "body")
    return body


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
