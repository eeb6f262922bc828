"""Every unit test module sets ``pytestmark`` to the ``unit`` marker, so ``make unit`` (``-m unit``)
runs it: checked on the source (ast), without importing the modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

UNIT = Path(__file__).resolve().parent


def _marks_unit(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "pytestmark" for target in node.targets
        ):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            return any(ast.unparse(value) == "pytest.mark.unit" for value in values)
    return False


def test_every_unit_test_module_carries_the_unit_marker() -> None:
    unmarked = [
        str(path.relative_to(UNIT))
        for path in sorted(UNIT.rglob("test_*.py"))
        if not _marks_unit(ast.parse(path.read_text(), filename=str(path)))
    ]

    assert not unmarked, f"without pytestmark = pytest.mark.unit: {unmarked}"
