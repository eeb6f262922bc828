"""The infra/ Terraform files parsed with python-hcl2, for the policy tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import hcl2
from hcl2 import SerializationOptions

INFRA_DIR = Path(__file__).resolve().parents[2] / "infra"
MODULE_DIR = INFRA_DIR / "modules" / "push_consumer"
_OPTIONS = SerializationOptions(with_comments=False, strip_string_quotes=True, explicit_blocks=False)
_INTERPOLATION = re.compile(r"^\$\{(.*)\}$", re.DOTALL)


def expression(value: object) -> str:
    """The Terraform expression inside `${...}` (or the literal itself, as text)."""
    text = str(value)
    found = _INTERPOLATION.match(text)
    return found.group(1) if found else text


@cache
def parsed(directory: Path) -> tuple[dict[str, Any], ...]:
    documents = []
    for path in sorted(directory.glob("*.tf")):
        with path.open() as handle:
            documents.append(hcl2.load(handle, serialization_options=_OPTIONS))
    return tuple(documents)


def blocks(directory: Path, kind: str) -> Iterator[dict[str, Any]]:
    for document in parsed(directory):
        yield from document.get(kind, [])


def resources(directory: Path, resource_type: str) -> dict[str, dict[str, Any]]:
    """Resource name -> its arguments, for every resource of `resource_type`."""
    found: dict[str, dict[str, Any]] = {}
    for block in blocks(directory, "resource"):
        for name, body in block.get(resource_type, {}).items():
            found[name] = body
    return found


def locals_of(directory: Path) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for block in blocks(directory, "locals"):
        merged.update(block)
    return merged


def variables(directory: Path) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for block in blocks(directory, "variable"):
        merged.update(block)
    return merged


def topology() -> dict[str, Any]:
    """The plain-data locals of infra/topology.tf."""
    with (INFRA_DIR / "topology.tf").open() as handle:
        document = hcl2.load(handle, serialization_options=_OPTIONS)
    merged: dict[str, Any] = {}
    for block in document.get("locals", []):
        merged.update(block)
    return merged
