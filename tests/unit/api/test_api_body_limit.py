"""The API's body limit (64 KiB) runs before routing and auth, and before the body is read past it:
413 ``body_too_large`` with or without a Content-Length, never 401 for lack of a token first."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from flask import Request

from tests.counting_input import CountingInput
from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
from wild_workouts import bootstrap
from wild_workouts.bootstrap import handle_api_request
from wild_workouts.http.api_flask_app import MAX_BODY_BYTES

pytestmark = pytest.mark.unit


@pytest.fixture
def served(world: InMemoryWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    """``handle_api_request`` (the functions-framework entry) on the in-memory app."""
    app = world.api_app()
    monkeypatch.setattr(bootstrap, "api_app", cache(lambda: app))


def _raw_request(source: CountingInput, *, content_length: int | None, headers: dict[str, str] | None = None) -> Any:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "PUT",
        "PATH_INFO": "/trainer/hours/available",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": source,
        "wsgi.input_terminated": True,
        "CONTENT_TYPE": "application/json",
    }
    if content_length is None:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        environ["CONTENT_LENGTH"] = str(content_length)
    for name, value in (headers or {}).items():
        environ[f"HTTP_{name.upper().replace('-', '_')}"] = value
    return Request(environ)


def test_a_body_over_the_limit_without_a_token_is_413_not_401(client: CheckedClient) -> None:
    response = client.call("PUT", "/trainer/hours/available", None, data=b" " * (MAX_BODY_BYTES + 1))

    assert response.status_code == 413
    assert response.json["code"] == "body_too_large"
    assert response.headers["X-Correlation-Id"]


def test_the_limit_runs_before_routing_too(client: CheckedClient) -> None:
    response = client.flask_client.post("/no/such/route", data=b" " * (MAX_BODY_BYTES + 1))

    assert (response.status_code, response.json["code"]) == (413, "body_too_large")


def test_a_declared_length_over_the_limit_is_refused_unread(served: None) -> None:
    source = CountingInput(b"{}")

    response = handle_api_request(_raw_request(source, content_length=32 * 1024 * 1024))

    assert (response.status_code, response.json["code"]) == (413, "body_too_large")
    assert source.taken == 0


def test_a_chunked_body_over_the_limit_is_refused_one_byte_past_it(served: None) -> None:
    source = CountingInput(b" " * (32 * 1024 * 1024))

    response = handle_api_request(_raw_request(source, content_length=None))

    assert (response.status_code, response.json["code"]) == (413, "body_too_large")
    assert source.taken == MAX_BODY_BYTES + 1


def test_a_chunked_body_within_the_limit_reaches_the_route(served: None, world: InMemoryWorld) -> None:
    token = world.token("t1", "trainer")
    source = CountingInput(b"{")

    response = handle_api_request(
        _raw_request(source, content_length=None, headers={"Authorization": f"Bearer {token}"})
    )

    assert (response.status_code, response.json["code"]) == (400, "malformed_json")
