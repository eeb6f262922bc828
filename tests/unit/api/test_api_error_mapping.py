"""Failures become JSON answers with stable codes; nothing leaks a stack trace."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest

from pipeline_kit.auth.http_certificate_source import CertificatesUnavailable
from pipeline_kit.firestore.optimistic_unit_of_work import ConflictRetriesExhausted
from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient
from wild_workouts.shared_kernel.domain_errors import (
    ConflictError,
    DomainError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
)

pytestmark = pytest.mark.unit
HOURS = {"hours": ["2026-12-01T13:00:00Z"]}


class _Taken(ConflictError):
    code = "hour_taken"


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (InvalidInputError("bad"), 422, "invalid_input"),
        (_Taken("the hour is taken"), 409, "hour_taken"),
        (NotFoundError("gone"), 404, "not_found"),
        (ForbiddenError("nope"), 403, "forbidden"),
        (DomainError("other"), 422, "domain_error"),
    ],
)
def test_domain_error_families_map_to_statuses_with_their_code(
    client: CheckedClient, world: InMemoryWorld, error: DomainError, status: int, code: str
) -> None:
    world.failure = error
    response = client.call("POST", "/trainings/t-1/cancel", world.token("a1", "attendee"))
    assert (response.status_code, response.json) == (status, {"code": code, "message": error.message})


@pytest.mark.parametrize(
    "error",
    [
        ConflictRetriesExhausted("contended"),
        CertificatesUnavailable("no keys"),
        TimeoutError("slow"),
        ConnectionError("reset"),
    ],
)
def test_transient_failures_are_503_with_retry_after(
    client: CheckedClient, world: InMemoryWorld, error: Exception
) -> None:
    world.failure = error
    response = client.call("PUT", "/trainer/hours/available", world.token("t1", "trainer"), json=HOURS)
    assert response.status_code == 503
    assert response.json["code"] == "unavailable"
    assert int(response.headers["Retry-After"]) > 0


def test_google_unavailable_is_503(client: CheckedClient, world: InMemoryWorld) -> None:
    from google.api_core.exceptions import ServiceUnavailable

    world.failure = ServiceUnavailable("firestore down")  # type: ignore[no-untyped-call]
    response = client.call("GET", "/users/me/balance", world.token("a1", "attendee"))
    assert response.status_code == 503


def test_an_unexpected_error_is_500_internal_logged_without_trace_in_body(
    client: CheckedClient, world: InMemoryWorld
) -> None:
    world.failure = KeyError("secret-internal-detail")
    logs = io.StringIO()
    with redirect_stdout(logs):
        response = client.call(
            "PUT",
            "/trainer/hours/available",
            world.token("t1", "trainer"),
            json=HOURS,
            headers={"X-Correlation-Id": "corr-500"},
        )
    assert response.status_code == 500
    assert response.json["code"] == "internal"
    assert "secret-internal-detail" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    lines = [json.loads(line) for line in logs.getvalue().splitlines()]
    errors = [line for line in lines if line["severity"] == "ERROR"]
    assert len(errors) == 1, "logged once"
    assert "secret-internal-detail" in errors[0]["message"]
    assert errors[0]["logging.googleapis.com/labels"]["correlation_id"] == "corr-500"
    assert "/traces/" in errors[0]["logging.googleapis.com/trace"]
    stack_trace = errors[0]["stack_trace"]  # the field Error Reporting reads
    assert stack_trace.startswith("Traceback (most recent call last):")
    assert stack_trace.endswith("KeyError: 'secret-internal-detail'")
