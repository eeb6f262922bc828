"""A schema-only stand-in for the `hashicorp/google` Terraform provider.

Terraform starts it as `terraform-provider-google` (through `dev_overrides`, see
`offline_terraform.py`). It speaks the plugin protocol with the PyPI package `tf` and:
- answers `GetProviderSchema` with the real provider's schema (`google-provider-schema.json.gz`),
  so `terraform validate` checks argument names, required arguments, types and references;
- accepts every provider, resource and data source configuration (the real provider's value rules
  — enums, regexes, conflicts — are not known here);
- creates nothing: planning or applying a real resource fails with a diagnostic, so only
  `validate` and `terraform test` with `mock_provider "google"` can use it.

It runs in its own virtualenv (`tf` needs protobuf < 6, the functions need protobuf 7).
The schema message is built once per schema file and cached next to the launcher
(`STAND_IN_SCHEMA_CACHE`), which keeps each Terraform command's start-up short.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import grpc
import tf.provider
from tf.gen import tfplugin_pb2 as pb
from tf.iface import DataSource, Resource
from tf.runner import run_provider
from tf.schema import Schema
from tf.utils import Diagnostics

SCHEMA_FILE = Path(__file__).with_name("google-provider-schema.json.gz")
PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/google"
_NESTING = {"single": pb.Schema.NestedBlock.SINGLE, "list": pb.Schema.NestedBlock.LIST}
_NESTING |= {"set": pb.Schema.NestedBlock.SET, "map": pb.Schema.NestedBlock.MAP}


def _block(data: dict[str, Any]) -> pb.Schema.Block:
    attributes = [
        pb.Schema.Attribute(
            name=name,
            type=json.dumps(attr["type"]).encode(),
            required=bool(attr.get("required")),
            optional=bool(attr.get("optional")),
            computed=bool(attr.get("computed")),
        )
        for name, attr in sorted(data.get("attributes", {}).items())
    ]
    block_types = [
        pb.Schema.NestedBlock(
            type_name=name,
            block=_block(nested["block"]),
            nesting=_NESTING[nested["nesting_mode"]],
            min_items=nested.get("min_items", 0),
            max_items=nested.get("max_items", 0),
        )
        for name, nested in sorted(data.get("block_types", {}).items())
    ]
    return pb.Schema.Block(attributes=attributes, block_types=block_types)


def _schema(data: dict[str, Any]) -> pb.Schema:
    return pb.Schema(version=data.get("version", 0), block=_block(data["block"]))


def build_schema_response(schema_json: dict[str, Any]) -> pb.GetProviderSchema.Response:
    """The `GetProviderSchema` answer for a provider-schema JSON document."""
    provider = schema_json["provider_schemas"][PROVIDER_ADDRESS]
    return pb.GetProviderSchema.Response(
        provider=_schema(provider["provider"]),
        provider_meta=pb.Schema(block=pb.Schema.Block()),
        resource_schemas={k: _schema(v) for k, v in provider["resource_schemas"].items()},
        data_source_schemas={k: _schema(v) for k, v in provider["data_source_schemas"].items()},
    )


def load_schema_response() -> pb.GetProviderSchema.Response:
    raw = SCHEMA_FILE.read_bytes()
    cache_dir = os.environ.get("STAND_IN_SCHEMA_CACHE")
    cache = None
    if cache_dir:
        cache = Path(cache_dir) / f"schema-{hashlib.sha256(raw).hexdigest()[:16]}.pb"
        if cache.exists():
            return pb.GetProviderSchema.Response.FromString(cache.read_bytes())
    response = build_schema_response(json.loads(gzip.decompress(raw)))
    if cache is not None:
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(response.SerializeToString())
        partial.replace(cache)
    return response


class StandInProvider:
    """The `tf` Provider interface with no resources of its own: the schema is served raw."""

    def get_model_prefix(self) -> str:
        return "google_"

    def get_provider_schema(self, diags: Diagnostics) -> Schema:
        return Schema(attributes=[])

    def full_name(self) -> str:
        return PROVIDER_ADDRESS

    def validate_config(self, diags: Diagnostics, config: dict[str, Any]) -> None:
        return None

    def configure_provider(self, diags: Diagnostics, config: dict[str, Any]) -> None:
        return None

    def get_data_sources(self) -> list[type[DataSource]]:
        return []

    def get_resources(self) -> list[type[Resource]]:
        return []

    def get_functions(self) -> list[Any]:
        return []


def _refuse(summary: str) -> list[pb.Diagnostic]:
    detail = "The stand-in provider only knows the schema; use mock_provider in terraform test."
    return [pb.Diagnostic(severity=pb.Diagnostic.ERROR, summary=summary, detail=detail)]


class StandInServicer(tf.provider.ProviderServicer):
    """Serves the real schema and accepts every configuration; refuses to touch resources."""

    _response: pb.GetProviderSchema.Response | None = None

    def GetProviderSchema(  # noqa: N802 (gRPC method name)
        self, request: pb.GetProviderSchema.Request, context: grpc.ServicerContext
    ) -> pb.GetProviderSchema.Response:
        if StandInServicer._response is None:
            StandInServicer._response = load_schema_response()
        return StandInServicer._response

    def ValidateResourceConfig(  # noqa: N802
        self, request: pb.ValidateResourceConfig.Request, context: grpc.ServicerContext
    ) -> pb.ValidateResourceConfig.Response:
        return pb.ValidateResourceConfig.Response()

    def ValidateDataResourceConfig(  # noqa: N802
        self, request: pb.ValidateDataResourceConfig.Request, context: grpc.ServicerContext
    ) -> pb.ValidateDataResourceConfig.Response:
        return pb.ValidateDataResourceConfig.Response()

    def UpgradeResourceState(  # noqa: N802
        self, request: pb.UpgradeResourceState.Request, context: grpc.ServicerContext
    ) -> pb.UpgradeResourceState.Response:
        return pb.UpgradeResourceState.Response(upgraded_state=pb.DynamicValue(json=request.raw_state.json))

    def PlanResourceChange(  # noqa: N802
        self, request: pb.PlanResourceChange.Request, context: grpc.ServicerContext
    ) -> pb.PlanResourceChange.Response:
        return pb.PlanResourceChange.Response(diagnostics=_refuse("stand-in provider cannot plan"))

    def ReadDataSource(  # noqa: N802
        self, request: pb.ReadDataSource.Request, context: grpc.ServicerContext
    ) -> pb.ReadDataSource.Response:
        return pb.ReadDataSource.Response(diagnostics=_refuse("stand-in provider cannot read"))


def main() -> None:
    # `run_provider` builds `tf.provider.ProviderServicer(provider)` when it starts: point that
    # name at the stand-in servicer (tf is pinned, see offline_terraform.py).
    tf.provider.ProviderServicer = StandInServicer  # type: ignore[misc]
    run_provider(StandInProvider())  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
