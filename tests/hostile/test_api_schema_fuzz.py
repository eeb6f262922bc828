"""The HTTP API under generated requests (schemathesis, from the OpenAPI document) on the local stack.

Every operation gets ``HOSTILE_API_CASES`` generated requests (default 40) as each role (an
attendee, a trainer, an administrator) and without a token: no 5xx, and every answer conforms
to the document (status code, content type, headers, body schema).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ops.demo.dev_tokens import mint
from ops.local_stack.local_paths import REPO_ROOT
from ops.local_stack.stack import LocalStack
from tests.hostile.case_budget import case_budget

pytestmark = pytest.mark.e2e

OPENAPI = REPO_ROOT / Path("functions") / "wild_workouts" / "entrypoints" / "openapi.json"
SCHEMA = schemathesis.openapi.from_path(OPENAPI)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]  # type: ignore[union-attr]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
CASES = case_budget("HOSTILE_API_CASES", 40)
# Found by this test, reported to the API's owner (pinned in test_user_id_path_conformance):
# a ``user_id`` holding a control character misses the route and gets Flask's own text/html
# 404 page. Those values are left out here so the rest of these operations is still fuzzed.
USER_ID_OPERATIONS = {"GET /users/{user_id}/balance", "POST /users/{user_id}/grants"}


def routable(case: schemathesis.Case[Any]) -> bool:
    return all(ch.isprintable() and ch != "/" for ch in str((case.path_parameters or {}).get("user_id", "")))


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
def test_generated_requests_get_no_5xx_and_conforming_answers(stack: LocalStack, operation: object) -> None:
    tokens = {
        "attendee": mint("fuzz-attendee", "attendee", "Fuzz Attendee"),
        "trainer": mint("fuzz-trainer", "trainer", "Fuzz Trainer"),
        "admin": mint("fuzz-admin", "admin", "Fuzz Admin"),
        "none": "",
    }

    @settings(max_examples=CASES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(), role=st.sampled_from(sorted(tokens)))  # type: ignore[attr-defined]
    def call(case: schemathesis.Case[Any], role: str) -> None:
        if operation.label in USER_ID_OPERATIONS:  # type: ignore[attr-defined]
            assume(routable(case))
        headers = {"Authorization": f"Bearer {tokens[role]}"} if tokens[role] else {}
        response = case.call(base_url=stack.functions_url, headers=headers, timeout=30)
        case.validate_response(response, checks=CHECKS, headers=headers)

    call()
