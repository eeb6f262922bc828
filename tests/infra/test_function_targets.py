"""functions/main.py and Terraform agree on the functions: every HTTP target (but the monolith)
is a function Terraform deploys (an HTTP function or a push consumer's), and the monolith
(``bootstrap.handle_monolith``) serves every HTTP function but the API under ``/<function>``, the
path Terraform points at."""

from __future__ import annotations

import ast

import pytest

from tests.infra.entry_points import http_targets, monolith_routing
from tests.infra.parsed_terraform import INFRA_DIR, expression, locals_of, topology

pytestmark = pytest.mark.unit


def test_every_target_is_a_terraform_function_and_the_reverse() -> None:
    topo = topology()
    in_terraform = set(topo["http_functions"]) | {c["function"] for c in topo["consumers"].values()}
    assert http_targets() - {"monolith"} == in_terraform


def test_the_monolith_serves_every_http_function_where_terraform_points() -> None:
    source = ast.unparse(monolith_routing())
    assert '"/${f}"' in expression(locals_of(INFRA_DIR)["path_of_function"])
    for function in set(topology()["http_functions"]) - {"api"}:
        assert f"path.rstrip('/') == '/{function}'" in source, function
