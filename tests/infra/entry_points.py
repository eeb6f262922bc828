"""functions/main.py's table of targets and the monolith's routing, read from the source (no import)."""

from __future__ import annotations

import ast
from pathlib import Path

MAIN = Path(__file__).resolve().parents[2] / "functions" / "main.py"
BOOTSTRAP = MAIN.parent / "wild_workouts" / "bootstrap.py"
ENTRY_POINT_MAKERS = {"_entry_point", "_push_entry_point"}


def http_targets() -> set[str]:
    """The names main.py's table binds to an entry point (``name = _entry_point(...)``)."""
    tree = ast.parse(MAIN.read_text())
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id in ENTRY_POINT_MAKERS
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def monolith_routing() -> ast.FunctionDef:
    """``bootstrap.handle_monolith``: the monolith target's paths."""
    return next(
        node
        for node in ast.parse(BOOTSTRAP.read_text()).body
        if isinstance(node, ast.FunctionDef) and node.name == "handle_monolith"
    )
