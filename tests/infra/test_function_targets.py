"""functions/main.py and Terraform agree on the functions: every HTTP target (but the monolith)
is a function Terraform deploys (an HTTP function or a push consumer's), and the monolith serves
every HTTP function but the API under ``/<function>``, the path Terraform points at."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.infra.parsed_terraform import INFRA_DIR, expression, locals_of, topology

pytestmark = pytest.mark.unit

MAIN = Path(__file__).resolve().parents[2] / "functions" / "main.py"


def _http_targets() -> set[str]:
    tree = ast.parse(MAIN.read_text())
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(d) == "functions_framework.http" for d in node.decorator_list)
    }


def test_every_target_is_a_terraform_function_and_the_reverse() -> None:
    topo = topology()
    in_terraform = set(topo["http_functions"]) | {c["function"] for c in topo["consumers"].values()}
    assert _http_targets() - {"monolith"} == in_terraform


def test_the_monolith_serves_every_http_function_where_terraform_points() -> None:
    source = MAIN.read_text()
    assert '"/${f}"' in expression(locals_of(INFRA_DIR)["path_of_function"])
    for function in set(topology()["http_functions"]) - {"api"}:
        assert f'path.rstrip("/") == "/{function}"' in source, function
