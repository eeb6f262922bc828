"""Findings about user ids, pinned on the local stack (real Firestore behind the API).

- A ``user_id`` with a control character never reaches the API (functions-framework's route
  cannot match it); it still gets a documented JSON error.
- Ids Firestore cannot store as a document id (``__x__``, ``__name__``, ``.``, ``..``) answered
  500 on balance and grants; they are 400 now, and a ``/`` in one (``%2F``) is 404, never a
  redirect to another user's path.
- A token whose ``sub`` is ``a/b/c`` could book, and the saga would write the balance into a
  subcollection (``users_accounts/a/b/c``); such a token is 401 now.
"""

from __future__ import annotations

import uuid

import pytest
import requests

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


@pytest.mark.parametrize("user_id", ["__x__", "__name__", "%2E", "%2E%2E", "__id7__", "a%20b"])
@pytest.mark.parametrize(("method", "suffix"), [("GET", "balance"), ("POST", "grants")])
def test_ids_firestore_cannot_store_are_400_on_balance_and_grants(
    stack: LocalStack, user_id: str, method: str, suffix: str
) -> None:
    admin = ApiClient(stack.functions_url, mint("path-admin", "admin", "Admin"))
    answer = admin.call(method, f"/users/{user_id}/{suffix}", {"amount": 1} if method == "POST" else None)
    assert (answer.status, answer.body["code"]) == (400, "invalid_request"), answer.body


@pytest.mark.parametrize("user_id", ["%2Fa", "a%2F", "a%2Fb"])
def test_a_slash_in_a_user_id_is_404_and_grants_nobody(stack: LocalStack, user_id: str) -> None:
    token = mint("path-admin", "admin", "Admin")
    response = requests.post(
        f"{stack.functions_url}/users/{user_id}/grants",
        json={"amount": 1},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
        allow_redirects=False,
    )
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    balance = ApiClient(stack.functions_url, token).call("GET", "/users/a/balance")
    assert balance.body["balance"] == 0


def test_a_token_whose_subject_is_a_path_is_401_and_writes_nothing(stack: LocalStack) -> None:
    from google.cloud import firestore

    root = f"sub{uuid.uuid4().hex[:8]}"
    attendee = ApiClient(stack.functions_url, mint(f"{root}/b/c", "attendee", "Nested"))
    booked = attendee.call("POST", "/trainings", {"hour": "2026-12-05T10:00:00Z"})
    assert (booked.status, booked.body["code"]) == (401, "unauthenticated"), booked.body
    assert attendee.call("GET", "/users/me/balance").status == 401
    client = firestore.Client(project=stack.settings.project)
    assert list(client.collection("users_accounts").document(root).collections()) == []
