"""One definition of a user id (``shared_kernel.user_id``), for token subjects and paths alike.

Firestore cannot store ``__x__``, ``.``, ``..``, ids holding ``/`` or ids over 1500 bytes as a
document id (``a/b/c`` would even write into a subcollection): such ids are refused at the edge,
with 401 from a token and 400 from a path (a ``/`` misses the route: 404).
"""

from __future__ import annotations

import re

import pytest

from ops.local_stack.demo_users import DEMO_USERS
from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
from wild_workouts.http.openapi_document import openapi_document
from wild_workouts.shared_kernel.user_id import LONGEST_USER_ID, USER_ID_PATTERN, is_user_id

pytestmark = pytest.mark.unit

UNSTORABLE = ["__x__", "__name__", "__", ".", "..", "a/b", "a/b/c", "", "x" * 129, "x" * 1501]
"""What Firestore refuses as a document id (or misreads as a path), and what is too long."""
OUTSIDE_THE_ALPHABET = ["a b", "a\nb", "alice\n", "\u00e9", "\ud800", "a\\b", "_leading", "-leading", ".hidden"]
ACCEPTED = [
    "alice",
    "trainer",
    "fuzz-attendee",
    "a1-0f3c",
    "Xk3pQ9vL2mN8rT5wY7zA1bC4dE6f",
    "a.b@example.com",
    "auth0:42",
]


@pytest.mark.parametrize("user_id", UNSTORABLE + OUTSIDE_THE_ALPHABET)
def test_unstorable_or_odd_ids_are_not_user_ids(user_id: str) -> None:
    assert not is_user_id(user_id)


@pytest.mark.parametrize("user_id", ACCEPTED + [user.uid for user in DEMO_USERS] + ["x" * LONGEST_USER_ID])
def test_firebase_style_demo_and_test_ids_are_user_ids(user_id: str) -> None:
    assert is_user_id(user_id)


def test_the_openapi_user_id_is_the_same_definition() -> None:
    schema = openapi_document()["components"]["schemas"]["UserId"]
    assert schema["pattern"] == USER_ID_PATTERN
    assert (schema["minLength"], schema["maxLength"]) == (1, LONGEST_USER_ID)
    assert re.fullmatch(schema["pattern"], "alice\n") is None


@pytest.mark.parametrize("sub", ["__x__", "__name__", ".", "..", "a/b/c", "a b", "\ud800", "x\n"])
def test_a_token_whose_subject_is_not_a_user_id_is_401(client: CheckedClient, world: InMemoryWorld, sub: str) -> None:
    response = client.call("GET", "/users/me/balance", world.token(sub, "attendee"))
    assert response.status_code == 401
    assert response.json["code"] == "unauthenticated"
    assert world.accounts.get(sub) is None


@pytest.mark.parametrize("user_id", ["__x__", "__name__", "%2E", "%2E%2E", "a%20b", "_x", "x" * 129])
@pytest.mark.parametrize(("method", "suffix"), [("GET", "balance"), ("POST", "grants")])
def test_a_path_user_id_that_is_not_one_is_400(
    client: CheckedClient, world: InMemoryWorld, user_id: str, method: str, suffix: str
) -> None:
    admin = world.token("boss", "admin")
    response = client.call(method, f"/users/{user_id}/{suffix}", admin, json={"amount": 1})
    assert response.status_code == 400, response.get_data()
    assert response.json["code"] == "invalid_request"
    assert "path parameter 'user_id'" in response.json["message"]
    assert world.published == []


@pytest.mark.parametrize("user_id", ["a%2Fb", "%2Fa", "a%2F", "%2F", ""])
@pytest.mark.parametrize(("method", "suffix"), [("GET", "balance"), ("POST", "grants")])
def test_a_slash_in_a_path_user_id_misses_the_route(
    client: CheckedClient, world: InMemoryWorld, user_id: str, method: str, suffix: str
) -> None:
    """Never redirected: Werkzeug merges ``//`` by default, with a 308 to ``/users/a/...``, so a
    grant meant for ``/a`` would have reached ``a``."""
    response = client.call(method, f"/users/{user_id}/{suffix}", world.token("boss", "admin"), json={"amount": 1})
    assert response.status_code == 404
    assert response.json["code"] == "not_found"
    assert world.published == []


def test_demo_users_still_sign_in_and_are_granted(client: CheckedClient, world: InMemoryWorld) -> None:
    admin = world.token("admin", "admin")
    for user in DEMO_USERS:
        own = client.call("GET", "/users/me/balance", world.token(user.uid, user.role))
        assert own.status_code == 200, (user.uid, own.get_data())
    granted = client.call("POST", "/users/alice/grants", admin, json={"amount": 2})
    assert (granted.status_code, granted.json["balance"]) == (200, 2)
