"""A finding of the API fuzz, fixed: a ``user_id`` with a control character never reaches the
API (functions-framework's route cannot match it); it still gets a documented JSON error."""

from __future__ import annotations

import pytest

from ops.demo.api_client import ApiClient
from ops.demo.dev_tokens import mint
from ops.local_stack.stack import LocalStack

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("method", "path"), [("GET", "/users/a%0Ab/balance"), ("POST", "/users/a%0Ab/grants")])
def test_a_user_id_with_a_newline_gets_a_documented_json_error(stack: LocalStack, method: str, path: str) -> None:
    admin = ApiClient(stack.functions_url, mint("path-admin", "admin", "Admin"))
    answer = admin.call(method, path, {"amount": 1} if method == "POST" else None)
    assert isinstance(answer.body, dict) and "code" in answer.body, (answer.status, str(answer.body)[:200])
    assert answer.status in {400, 404, 422}
