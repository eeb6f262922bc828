"""functions/main.py's table of targets and the monolith's routing, read from the source (no import)."""

from __future__ import annotations

import ast
from pathlib import Path

from ops.deploy_commands.infra_settings import main_http_targets

MAIN = Path(__file__).resolve().parents[2] / "functions" / "main.py"
BOOTSTRAP = MAIN.parent / "wild_workouts" / "bootstrap.py"


def http_targets() -> set[str]:
    """The names main.py's table binds to an HTTP entry point (``name = _entry_point(...)``), as
    ``python -m ops deploy-commands`` reads them."""
    return main_http_targets(MAIN)


def monolith_routing() -> ast.FunctionDef:
    """``bootstrap.handle_monolith``: the monolith target's paths."""
    return next(
        node
        for node in ast.parse(BOOTSTRAP.read_text()).body
        if isinstance(node, ast.FunctionDef) and node.name == "handle_monolith"
    )
