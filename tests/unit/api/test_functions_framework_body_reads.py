"""Through functions-framework's own app (``functions/main.py`` as it is served): a refused or
body-less request's body is never read, not even by the framework's read of "the rest" after the
answer, and an oversized push is answered 413 (that read once turned it into a 500)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.counting_input import CountingInput
from tests.unit.api.api_world import InMemoryWorld
from wild_workouts import bootstrap

pytestmark = pytest.mark.unit

MAIN = Path(__file__).resolve().parents[3] / "functions" / "main.py"
DECLARED = 32 * 1024 * 1024


@pytest.fixture
def monolith(world: InMemoryWorld, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """functions-framework's test client of the monolith: push auth on (no token will pass), the
    API on in-memory dependencies."""
    import functions_framework

    for name, value in {"PUSH_AUTH_AUDIENCE": "aud", "PUSH_AUTH_ALLOWED_EMAILS": "push@example.com"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PUSH_AUTH_DISABLED", raising=False)
    app = world.api_app()
    monkeypatch.setattr(bootstrap, "api_app", cache(lambda: app))
    bootstrap.reset()
    yield functions_framework.create_app(target="monolith", source=str(MAIN)).test_client()  # type: ignore[no-untyped-call]
    bootstrap.reset()


def _post(client: Any, path: str, *, length: int | None) -> tuple[int, Any, int]:
    """Status, JSON body and bytes taken of a 1 MiB POST (declaring ``length``, or chunked)."""
    source = CountingInput(b"x" * (1024 * 1024))
    environ: dict[str, Any] = {"wsgi.input": source, "wsgi.input_terminated": True}
    if length is None:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        environ["CONTENT_LENGTH"] = str(length)
    response = client.post(path, environ_overrides=environ)
    return response.status_code, response.get_json(silent=True), source.taken


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/outbox_sweeper", 401),
        ("/saga_timeouts", 401),
        ("/healthz", 200),
        ("/push/no-such-consumer", 404),
        ("/a%0Ab", 404),  # a path functions-framework cannot route
        ("/push/trainer-calendar", 401),  # the token is checked before the body is read
    ],
)
def test_a_path_that_answers_without_the_body_never_reads_it(monolith: Any, path: str, status: int) -> None:
    answered, _, taken = _post(monolith, path, length=1024 * 1024)

    assert (answered, taken) == (status, 0)


@pytest.mark.parametrize("path", ["/push/trainer-calendar", "/trainings"])
def test_a_declared_length_over_the_limit_is_413_unread(monolith: Any, path: str) -> None:
    status, body, taken = _post(monolith, path, length=DECLARED)

    assert (status, taken) == (413, 0)
    assert (body.get("outcome") or body.get("code")) in ("too_large", "body_too_large")


def test_a_chunked_api_body_over_the_limit_is_413_one_byte_past_it(monolith: Any) -> None:
    from wild_workouts.http.api_flask_app import MAX_BODY_BYTES

    status, body, taken = _post(monolith, "/trainings", length=None)

    assert (status, body["code"], taken) == (413, "body_too_large", MAX_BODY_BYTES + 1)
