"""infra/modules/push_consumer/README.md cannot drift from the module: its Inputs table names every
variable of variables.tf with its description, type, default and whether it is required, its
Outputs table every output of outputs.tf with its description, and its Requirements the versions
of versions.tf (the layout terraform-docs gives registry modules)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.infra.parsed_terraform import MODULE_DIR, blocks, expression, variables

pytestmark = pytest.mark.unit

README = MODULE_DIR / "README.md"


def _table(section: str) -> list[list[str]]:
    """The rows (cells, backticks stripped) of the first table under ``## section``."""
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", text, re.DOTALL | re.MULTILINE)
    assert found, f"the README has no '## {section}' section"
    rows = [line for line in found.group(1).splitlines() if line.startswith("|")]
    assert len(rows) >= 2, f"'## {section}' has no table"
    return [[cell.strip().strip("`") for cell in row.strip("|").split("|")] for row in rows[2:]]


def _default(variable: dict[str, Any]) -> str:
    if "default" not in variable:
        return "n/a"
    value = variable["default"]
    return "{}" if value == {} else json.dumps(value)


def _outputs() -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for block in blocks(MODULE_DIR, "output"):
        merged.update(block)
    return merged


def test_the_inputs_table_is_the_modules_variables() -> None:
    documented = {row[0]: row[1:] for row in _table("Inputs")}
    declared = {
        name: [body["description"], expression(body["type"]), _default(body), "no" if "default" in body else "yes"]
        for name, body in variables(MODULE_DIR).items()
    }
    assert sorted(set(declared) - set(documented)) == [], "inputs missing from the README"
    assert sorted(set(documented) - set(declared)) == [], "README inputs the module does not have"
    for name, cells in declared.items():
        assert documented[name] == cells, f"the README's row for input {name!r} differs from variables.tf"


def test_the_outputs_table_is_the_modules_outputs() -> None:
    documented = {row[0]: row[1:] for row in _table("Outputs")}
    declared = {name: [body["description"]] for name, body in _outputs().items()}
    assert sorted(set(declared) - set(documented)) == [], "outputs missing from the README"
    assert sorted(set(documented) - set(declared)) == [], "README outputs the module does not have"
    assert documented == declared


def test_the_requirements_are_the_modules_versions() -> None:
    documented = {row[0].split(" ")[0]: row[1] for row in _table("Requirements")}
    (terraform,) = list(blocks(MODULE_DIR, "terraform"))
    google = terraform["required_providers"][0]["google"]
    assert documented == {"terraform": terraform["required_version"], "google": google["version"]}
