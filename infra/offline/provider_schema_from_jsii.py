"""Convert the `.jsii` assembly of `@cdktf/provider-google` into Terraform's provider-schema JSON.

The npm package `@cdktf/provider-google` (pinned below) describes every resource, data source and
the provider block of one `hashicorp/google` release. This script reads that description and
writes the schema in the shape `terraform providers schema -json` prints, gzipped, so the stand-in
provider (`stand_in_provider.py`) can serve it to a real `terraform validate` / `terraform test`.

What the conversion knows and what it guesses:
- attributes and nested blocks, their names (from the registry links in the docs), required or
  optional, and their types are exact; nested struct properties become blocks (min 1 when the
  property is required, max 1 when it is a single struct, as the SDKv2 provider declares them);
- read-only attributes come from the generated getters and are marked computed;
- optional+computed cannot be told apart from optional (only `id` is marked both), and lists
  cannot be told apart from sets: neither matters to `validate` or a mocked `test`.

Regenerate (needs the npm registry, about 10 s): `python3 infra/offline/provider_schema_from_jsii.py`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

NPM_PACKAGE = "@cdktf/provider-google"
NPM_VERSION = "16.12.1"  # built from hashicorp/google 6.50.0
PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/google"
OUTPUT = Path(__file__).with_name("google-provider-schema.json.gz")

_LINK_NAME = re.compile(r"\{@link https://registry\.terraform\.io/\S+ [A-Za-z0-9]+#(\w+)\}")
_TYPE_NAME = re.compile(r"/docs/(?:resources|data-sources)/\w+ (google_\w+)\}")
_PROVIDER_VERSION = re.compile(r"hashicorp/google/(\d+\.\d+\.\d+)/docs")
_PRIMITIVES = {"string": "string", "number": "number", "boolean": "bool", "any": "dynamic"}
_MAP_CLASSES = {
    "cdktf.StringMap": ["map", "string"],
    "cdktf.NumberMap": ["map", "number"],
    "cdktf.BooleanMap": ["map", "bool"],
    "cdktf.AnyMap": ["map", "dynamic"],
}
_SKIP_GETTERS = {"internalValue", "fqn", "friendlyUniqueId", "terraformResourceType"}
_META_ARGUMENTS = {"alias"}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _tf_name(prop: dict[str, Any]) -> str:
    docs = prop.get("docs", {})
    for text in (docs.get("remarks", ""), docs.get("summary", "")):
        found = _LINK_NAME.search(text)
        if found:
            return found.group(1)
    return _snake(str(prop["name"]))


class _Converter:
    def __init__(self, types: dict[str, dict[str, Any]]) -> None:
        self.types = types

    def _unwrap(self, type_ref: dict[str, Any]) -> dict[str, Any]:
        """Drop the `IResolvable` alternative cdktf adds to most unions."""
        union = type_ref.get("union")
        if not union:
            return type_ref
        rest = [t for t in union["types"] if t.get("fqn") != "cdktf.IResolvable"]
        return rest[0] if len(rest) == 1 else {"primitive": "any"}

    def _is_struct(self, fqn: str) -> bool:
        return self.types.get(fqn, {}).get("kind") == "interface" and fqn.startswith(NPM_PACKAGE)

    def _struct_of(self, type_ref: dict[str, Any]) -> tuple[str, bool] | None:
        """(struct fqn, is_list) when the type is a nested block, else None."""
        ref = self._unwrap(type_ref)
        if "fqn" in ref and self._is_struct(ref["fqn"]):
            return ref["fqn"], False
        element = ref.get("collection", {}).get("elementtype")
        if ref.get("collection", {}).get("kind") == "array" and element:
            element = self._unwrap(element)
            if "fqn" in element and self._is_struct(element["fqn"]):
                return element["fqn"], True
        return None

    def cty_type(self, type_ref: dict[str, Any]) -> Any:
        ref = self._unwrap(type_ref)
        if "primitive" in ref:
            return _PRIMITIVES[ref["primitive"]]
        if "collection" in ref:
            kind = "list" if ref["collection"]["kind"] == "array" else "map"
            return [kind, self.cty_type(ref["collection"]["elementtype"])]
        return self._class_type(ref.get("fqn", ""))

    def _class_type(self, fqn: str) -> Any:
        """The cty type of a generated cdktf class (maps, computed lists and objects)."""
        if fqn in _MAP_CLASSES:
            return _MAP_CLASSES[fqn]
        element = fqn[: -len("List")] + "OutputReference"
        if fqn.endswith("List") and element in self.types:
            return ["list", self._object_type(element)]
        if fqn.endswith("OutputReference"):
            return self._object_type(fqn)
        # cdktf types computed booleans as IResolvable; anything else is left open.
        return "bool" if fqn == "cdktf.IResolvable" else "dynamic"

    def _getters(self, class_fqn: str) -> list[dict[str, Any]]:
        cls = self.types.get(class_fqn, {})
        return [
            p
            for p in cls.get("properties", [])
            if not p.get("static") and not p["name"].endswith("Input") and p["name"] not in _SKIP_GETTERS
        ]

    def _object_type(self, output_reference_fqn: str) -> Any:
        attributes = {_snake(p["name"]): self.cty_type(p["type"]) for p in self._getters(output_reference_fqn)}
        return ["object", attributes] if attributes else "dynamic"

    def block(self, struct_fqn: str, output_class_fqn: str | None) -> dict[str, Any]:
        attributes: dict[str, Any] = {}
        block_types: dict[str, Any] = {}
        struct = self.types.get(struct_fqn, {})
        configured: set[str] = set()
        for prop in struct.get("properties", []):
            name = _tf_name(prop)
            if name in _META_ARGUMENTS:
                continue
            configured.add(prop["name"])
            nested = self._struct_of(prop["type"])
            if nested:
                nested_fqn, is_list = nested
                block_types[name] = {
                    "nesting_mode": "list",
                    "block": self.block(nested_fqn, nested_fqn + "OutputReference"),
                    **({} if is_list else {"max_items": 1}),
                    **({} if prop.get("optional") else {"min_items": 1}),
                }
                continue
            attribute: dict[str, Any] = {"type": self.cty_type(prop["type"])}
            attribute["optional" if prop.get("optional") else "required"] = True
            if name == "id" and prop.get("optional"):
                attribute["computed"] = True
            attributes[name] = attribute
        if output_class_fqn:
            for getter in self._getters(output_class_fqn):
                if getter["name"] in configured:
                    continue
                name = _snake(getter["name"])
                if name in attributes or name in block_types:
                    continue
                attributes[name] = {"type": self.cty_type(getter["type"]), "computed": True}
        return {"attributes": attributes, "block_types": block_types} if block_types else {"attributes": attributes}


def convert(assembly: dict[str, Any]) -> dict[str, Any]:
    """The provider-schema JSON (format 1.0) for the provider described by `assembly`."""
    types: dict[str, dict[str, Any]] = assembly["types"]
    converter = _Converter(types)
    resources: dict[str, Any] = {}
    data_sources: dict[str, Any] = {}
    provider: dict[str, Any] = {}
    version = ""
    for fqn, cls in types.items():
        base = cls.get("base")
        if cls.get("kind") != "class" or base not in {
            "cdktf.TerraformResource",
            "cdktf.TerraformDataSource",
            "cdktf.TerraformProvider",
        }:
            continue
        summary = cls.get("docs", {}).get("summary", "")
        config_fqn = fqn + "Config"
        schema = {"version": 0, "block": converter.block(config_fqn, fqn)}
        if base == "cdktf.TerraformProvider":
            schema["block"] = converter.block(config_fqn, None)
            provider = schema
            version = _PROVIDER_VERSION.search(summary).group(1)  # type: ignore[union-attr]
            continue
        type_name = _TYPE_NAME.search(summary)
        if not type_name:
            raise ValueError(f"no Terraform type name in the docs of {fqn}")
        target = resources if base == "cdktf.TerraformResource" else data_sources
        target[type_name.group(1)] = schema
    return {
        "format_version": "1.0",
        "generated_from": f"{NPM_PACKAGE}@{assembly['version']} (provider {version})",
        "provider_schemas": {
            PROVIDER_ADDRESS: {
                "provider": provider,
                "resource_schemas": dict(sorted(resources.items())),
                "data_source_schemas": dict(sorted(data_sources.items())),
            }
        },
    }


def _read_assembly(tarball: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        if tarball is None:
            subprocess.run(
                ["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}", "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
            )
            tarball = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/.jsii")
            if member is None:
                raise ValueError(f"{tarball} has no package/.jsii")
            assembly: dict[str, Any] = json.load(member)
    return assembly


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="an already downloaded `npm pack` tarball")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    schema = convert(_read_assembly(args.tarball))
    text = json.dumps(schema, sort_keys=True, separators=(",", ":"))
    with gzip.GzipFile(args.output, "wb", mtime=0) as out:
        out.write(text.encode())


if __name__ == "__main__":
    main()
