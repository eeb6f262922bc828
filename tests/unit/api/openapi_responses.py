"""Test helper: every API answer a test sees must match the OpenAPI document."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from wild_workouts.http.json_schema import schema_errors
from wild_workouts.http.openapi_document import openapi_document, operations, resolve

ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}


def find_operation(method: str, path: str) -> Mapping[str, Any] | None:
    """The operation serving ``method path`` (literal segments win over parameters)."""
    path = path.split("?", 1)[0]
    candidates: list[tuple[int, Mapping[str, Any]]] = []
    for candidate_method, template, spec in operations(openapi_document()):
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if candidate_method == method.upper() and re.match(pattern, path):
            candidates.append((template.count("{"), spec))
    return min(candidates, key=lambda item: item[0])[1] if candidates else None


def assert_matches_openapi(method: str, path: str, response: Any) -> None:
    """The status is documented for the operation and the body matches its schema; an
    unknown route answers the error schema. Every answer carries X-Correlation-Id."""
    document = openapi_document()
    assert response.headers.get("X-Correlation-Id"), "X-Correlation-Id missing"
    spec = find_operation(method, path)
    status = str(response.status_code)
    if spec is None:
        assert response.status_code in (404, 405), f"{method} {path} is not documented"
        _assert_body(response, ERROR_SCHEMA, document)
        return
    documented = spec["responses"]
    assert status in documented, f"{method} {path} answered undocumented {status}"
    answer = resolve(documented[status], document)
    content = answer.get("content")
    if content is None:
        assert response.get_data() == b"", f"{status} must have no body"
        return
    _assert_body(response, content["application/json"]["schema"], document)


def _assert_body(response: Any, schema: Mapping[str, Any], document: Mapping[str, Any]) -> None:
    assert response.mimetype == "application/json", response.mimetype
    body = json.loads(response.get_data())
    errors = schema_errors(body, schema, document)
    assert not errors, f"response {response.status_code} breaks the document: {errors} {body}"
