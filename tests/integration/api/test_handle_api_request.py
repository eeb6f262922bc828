"""``handle_api_request``: the functions-framework entry dispatches a raw request to the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Request
from werkzeug.test import EnvironBuilder

from tests.integration.api.conftest import ApiClient
from tests.integration.api.dev_token import mint_dev_token
from wild_workouts.bootstrap import api_app, handle_api_request

pytestmark = pytest.mark.integration


@pytest.fixture
def fresh_app(api: ApiClient) -> Iterator[None]:
    api_app.cache_clear()
    yield
    api_app.cache_clear()


def _request(method: str, path: str, **kwargs: object) -> Request:
    return Request(EnvironBuilder(method=method, path=path, **kwargs).get_environ())  # type: ignore[arg-type]


def test_a_raw_request_is_served_with_its_correlation_id(fresh_app: None) -> None:
    token = mint_dev_token("trainer-1", "trainer", "Tina")
    response = handle_api_request(
        _request(
            "GET",
            "/trainer/calendar",
            query_string="date_from=2026-12-01&date_to=2026-12-01",
            headers={"Authorization": f"Bearer {token}", "X-Correlation-Id": "raw-1"},
        )
    )
    assert response.status_code == 200
    assert response.headers["X-Correlation-Id"] == "raw-1"
    assert len(response.json["days"][0]["hours"]) == 9


def test_a_raw_body_reaches_the_route(fresh_app: None) -> None:
    token = mint_dev_token("trainer-1", "trainer", "Tina")
    response = handle_api_request(
        _request(
            "PUT",
            "/trainer/hours/available",
            json={"hours": ["2020-01-01T13:00:00Z"]},
            headers={"Authorization": f"Bearer {token}"},
        )
    )
    assert response.status_code == 422
    assert response.json["code"] == "hour_in_past"


def test_the_app_is_built_once(fresh_app: None) -> None:
    assert api_app() is api_app()


@pytest.mark.parametrize("target", ["api", "monolith"])
def test_served_through_functions_framework_with_a_body(fresh_app: None, target: str) -> None:
    import functions_framework

    source = Path(__file__).resolve().parents[3] / "functions" / "main.py"
    client = functions_framework.create_app(target=target, source=str(source)).test_client()  # type: ignore[no-untyped-call]
    token = mint_dev_token("trainer-1", "trainer", "Tina")
    response = client.put(
        "/trainer/hours/available",
        json={"hours": ["2020-01-01T13:00:00Z"]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert response.json["code"] == "hour_in_past"
    assert response.headers["X-Correlation-Id"]
    malformed = client.put("/trainer/hours/available", data=b"{", headers={"Authorization": f"Bearer {token}"})
    assert (malformed.status_code, malformed.json["code"]) == (400, "malformed_json")
