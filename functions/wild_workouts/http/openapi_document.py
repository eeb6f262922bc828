"""The OpenAPI 3.1 document (``openapi.json`` next to this file) and lookups into it.

The document is the contract: requests are validated against it at runtime (request bodies,
query and path parameters) and the tests validate every response they see against it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

DOCUMENT_PATH = Path(__file__).with_name("openapi.json")
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


@cache
def openapi_document() -> Mapping[str, Any]:
    document: Mapping[str, Any] = json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))
    return document


def operations(
    document: Mapping[str, Any],
) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """``(METHOD, path template, operation)`` for every operation of the document."""
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def operation(document: Mapping[str, Any], operation_id: str) -> Mapping[str, Any]:
    for _, _, candidate in operations(document):
        if candidate.get("operationId") == operation_id:
            return candidate
    raise KeyError(f"no operation {operation_id!r} in the OpenAPI document")


def request_body_schema(operation_spec: Mapping[str, Any]) -> Mapping[str, Any] | None:
    body = operation_spec.get("requestBody")
    if body is None:
        return None
    schema: Mapping[str, Any] = body["content"]["application/json"]["schema"]
    return schema


def parameters(operation_spec: Mapping[str, Any], where: str) -> list[Mapping[str, Any]]:
    """The declared parameters ``in`` ``where`` (``query`` or ``path``)."""
    return [item for item in operation_spec.get("parameters", []) if item.get("in") == where]


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
