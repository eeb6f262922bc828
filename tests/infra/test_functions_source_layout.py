"""``functions/`` is a source root Google's Python buildpack can build (``gcloud functions deploy
--source=functions``): ``main.py`` and ``requirements.txt`` at its root, the lock the image
installs (``make lock`` copies it), and nothing that would make the buildpack pick another
installer or project layout."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]
FUNCTIONS = REPO / "functions"
# What the buildpack would read instead of (or besides) requirements.txt at the source root.
OTHER_PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock")


def test_the_functions_lock_is_the_runtime_lock() -> None:
    assert (FUNCTIONS / "requirements.txt").read_bytes() == (REPO / "requirements.txt").read_bytes(), (
        "functions/requirements.txt differs from requirements.txt: run `make lock`"
    )


def test_make_lock_copies_the_runtime_lock_right_after_compiling_it() -> None:
    lock_recipe = re.search(r"^lock:.*\n((?:\t.*\n)+)", (REPO / "Makefile").read_text(), re.MULTILINE)
    assert lock_recipe is not None
    lines = [line.strip() for line in lock_recipe.group(1).splitlines() if not line.strip().startswith("@#")]
    compiled = next(i for i, line in enumerate(lines) if line.endswith("-o requirements.txt"))
    assert lines[compiled + 1] == "cp requirements.txt functions/requirements.txt"


def test_the_source_root_has_main_py_and_no_other_project_file() -> None:
    assert (FUNCTIONS / "main.py").is_file()
    assert [name for name in OTHER_PROJECT_FILES if (FUNCTIONS / name).exists()] == []


def test_functions_framework_is_in_the_lock_so_the_buildpack_adds_no_unpinned_copy() -> None:
    assert re.search(r"^functions-framework==", (FUNCTIONS / "requirements.txt").read_text(), re.MULTILINE)


def test_main_imports_only_what_the_source_root_holds_or_the_lock_installs() -> None:
    """The buildpack puts only ``functions/`` on the path: main.py may not import ops or tests."""
    tree = ast.parse((FUNCTIONS / "main.py").read_text())
    roots = {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 0
    } | {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    local = {path.name for path in FUNCTIONS.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert roots - local - {"__future__", "collections", "functools", "typing"} == {"functions_framework"}


def test_the_uploads_leave_bytecode_and_node_modules_out() -> None:
    functions_ignore = (FUNCTIONS / ".gcloudignore").read_text().splitlines()
    root_ignore = (REPO / ".gcloudignore").read_text().splitlines()
    assert "__pycache__/" in functions_ignore
    assert {"#!include:.gitignore", "node_modules/", ".git"} <= set(root_ignore)
