"""The kit's public API is ``pipeline_kit.__all__``: the list the guide documents, every name
resolving to the kit's own object, typed for mypy and IDEs, and cheap to import.

The guide's table (docs/kit.md, "The public API") and ``__all__`` must name the same things: a
name added or removed in one and not the other fails here. Importing ``pipeline_kit`` must load
no other module of the kit, no Google client, no OpenTelemetry and no Flask (cold start), checked
in a fresh interpreter.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline_kit

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[3]
GUIDE = REPO / "docs" / "kit.md"
INIT = REPO / "functions" / "pipeline_kit" / "__init__.py"


def _documented_names() -> list[str]:
    section = GUIDE.read_text().split("\n## The public API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([A-Za-z_]+)` \|", section, flags=re.MULTILINE)


def _type_checking_imports() -> dict[str, tuple[str, str]]:
    """name -> (module, original name) of the ``if TYPE_CHECKING:`` imports in ``__init__``."""
    tree = ast.parse(INIT.read_text())
    found: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.module is not None
                if statement.module == "typing":  # the annotations' own names
                    continue
                for alias in statement.names:
                    found[alias.asname or alias.name] = (statement.module, alias.name)
    return found


def test_all_is_the_documented_list() -> None:
    documented = _documented_names()

    assert len(documented) == len(set(documented)), "a name is documented twice"
    assert sorted(documented) == sorted(pipeline_kit.__all__)


def test_every_exported_name_resolves_to_the_kits_own_object() -> None:
    for name in pipeline_kit.__all__:
        module, attribute = pipeline_kit._EXPORTS[name]
        assert module.startswith("pipeline_kit."), name
        assert getattr(pipeline_kit, name) is getattr(importlib.import_module(module), attribute), name


def test_the_type_checkers_view_is_the_runtime_one() -> None:
    """mypy and IDEs read the ``TYPE_CHECKING`` imports; the runtime reads ``_EXPORTS``."""
    assert _type_checking_imports() == pipeline_kit._EXPORTS
    assert sorted(pipeline_kit._EXPORTS) == sorted(pipeline_kit.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'routing_table'"):
        getattr(pipeline_kit, "routing_table")  # noqa: B009 - a name the type checker rightly refuses


def _modules_loaded_by(statement: str) -> set[str]:
    script = f"import json, sys; {statement}; print(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(REPO / "functions")}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_importing_the_package_loads_nothing_heavy() -> None:
    """Compared with a bare interpreter (whose site hooks may load namespace packages)."""
    loaded = _modules_loaded_by("import pipeline_kit") - _modules_loaded_by("pass")

    heavy = sorted(
        module
        for module in loaded
        if module.startswith(("pipeline_kit.", "google", "opentelemetry", "flask", "grpc", "functions_framework"))
    )
    assert "pipeline_kit" in loaded
    assert heavy == []


def test_the_package_is_typed() -> None:
    assert (INIT.parent / "py.typed").is_file()
