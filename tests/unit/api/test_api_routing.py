"""Routing, the document route, correlation ids, and that routes and document agree."""

from __future__ import annotations

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
from wild_workouts.http.json_schema import SUPPORTED_KEYWORDS
from wild_workouts.http.openapi_document import openapi_document, operations

pytestmark = pytest.mark.unit


def test_the_document_is_public_and_is_the_file(client: CheckedClient) -> None:
    response = client.call("GET", "/openapi.json")
    assert response.status_code == 200
    assert response.json == openapi_document()


def test_an_unknown_route_is_a_json_404(client: CheckedClient, world: InMemoryWorld) -> None:
    response = client.call("GET", "/nowhere", world.token("u1", "attendee"))
    assert response.status_code == 404
    assert response.json["code"] == "not_found"


def test_a_wrong_method_is_a_json_405(client: CheckedClient, world: InMemoryWorld) -> None:
    response = client.call("DELETE", "/trainer/calendar", world.token("t1", "trainer"))
    assert response.status_code == 405
    assert response.json["code"] == "method_not_allowed"


def test_a_sane_correlation_id_is_echoed_and_a_bad_one_replaced(client: CheckedClient) -> None:
    echoed = client.call("GET", "/openapi.json", headers={"X-Correlation-Id": "demo-42"})
    assert echoed.headers["X-Correlation-Id"] == "demo-42"
    replaced = client.call("GET", "/openapi.json", headers={"X-Correlation-Id": "bad id!"})
    assert replaced.headers["X-Correlation-Id"] not in ("", "bad id!")


def test_every_route_is_documented_and_every_operation_routed(world: InMemoryWorld) -> None:
    app = world.api_app()
    routed = {
        (method, rule.rule.replace("<", "{").replace(">", "}"))
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not rule.endpoint.startswith("web.")  # web_assets: not API operations
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    documented = {(method, path) for method, path, _ in operations(openapi_document())}
    assert routed == documented


def test_every_operation_has_a_unique_id_and_documents_the_error_answers() -> None:
    ids = [spec["operationId"] for _, _, spec in operations(openapi_document())]
    assert len(ids) == len(set(ids))
    for method, path, spec in operations(openapi_document()):
        if path == "/openapi.json":
            continue
        assert {"400", "401", "403", "500", "503"} <= set(spec["responses"]), (method, path)


def _schema_keywords(node: object, found: set[str]) -> None:
    if isinstance(node, dict):
        if "type" in node or "$ref" in node:
            found.update(key for key in node if key != "properties")
            for value in node.get("properties", {}).values():
                _schema_keywords(value, found)
            for key, value in node.items():
                if key != "properties":
                    _schema_keywords(value, found)
        else:
            for value in node.values():
                _schema_keywords(value, found)
    elif isinstance(node, list):
        for value in node:
            _schema_keywords(value, found)


def test_the_document_uses_only_keywords_the_validator_supports() -> None:
    document = openapi_document()
    found: set[str] = set()
    _schema_keywords(document["components"]["schemas"], found)
    for _, _, spec in operations(document):
        for parameter in spec.get("parameters", []):
            _schema_keywords(parameter["schema"], found)
    assert found <= SUPPORTED_KEYWORDS, found - SUPPORTED_KEYWORDS
