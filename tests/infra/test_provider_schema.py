"""The committed Google provider schema the stand-in provider serves (infra/offline/)."""

from __future__ import annotations

import gzip
import json
from functools import cache
from typing import Any

import pytest
from infra.offline import provider_schema_from_jsii as generator

pytestmark = pytest.mark.unit


@cache
def _provider() -> dict[str, Any]:
    document = json.loads(gzip.decompress(generator.OUTPUT.read_bytes()))
    assert document["generated_from"].startswith(f"{generator.NPM_PACKAGE}@{generator.NPM_VERSION}")
    provider: dict[str, Any] = document["provider_schemas"][generator.PROVIDER_ADDRESS]
    return provider


def test_schema_is_the_whole_provider() -> None:
    provider = _provider()
    assert len(provider["resource_schemas"]) > 1000
    assert len(provider["data_source_schemas"]) > 300
    assert "project" in provider["provider"]["block"]["attributes"]


def test_push_subscription_schema_matches_the_provider_docs() -> None:
    block = _provider()["resource_schemas"]["google_pubsub_subscription"]["block"]
    assert block["attributes"]["name"] == {"required": True, "type": "string"}
    assert block["attributes"]["ack_deadline_seconds"] == {"optional": True, "type": "number"}
    dead_letter = block["block_types"]["dead_letter_policy"]
    assert dead_letter["max_items"] == 1
    assert "max_delivery_attempts" in dead_letter["block"]["attributes"]
    oidc = block["block_types"]["push_config"]["block"]["block_types"]["oidc_token"]["block"]
    assert oidc["attributes"]["service_account_email"]["required"] is True


def test_read_only_attributes_are_computed() -> None:
    service = _provider()["resource_schemas"]["google_cloud_run_v2_service"]["block"]
    assert service["attributes"]["uri"] == {"computed": True, "type": "string"}
    project = _provider()["data_source_schemas"]["google_project"]["block"]
    assert project["attributes"]["number"]["computed"] is True


def test_no_attribute_is_both_required_and_computed() -> None:
    def walk(block: dict[str, Any], path: str) -> None:
        for name, attribute in block.get("attributes", {}).items():
            assert not (attribute.get("required") and attribute.get("computed")), path + name
        for name, nested in block.get("block_types", {}).items():
            walk(nested["block"], f"{path}{name}.")

    for type_name, schema in _provider()["resource_schemas"].items():
        walk(schema["block"], f"{type_name}.")
