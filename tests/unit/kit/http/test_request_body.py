"""A request body is read within its limit: refused from its Content-Length unread, a chunked
one at the first byte past the limit, and whatever reads the request afterwards (as
functions-framework does after every answer) sees only what was read."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Request

from pipeline_kit.http.request_body import BodyOverLimit, body_within, declared_over_limit, leave_body_unread
from tests.counting_input import CountingInput

pytestmark = pytest.mark.unit

LIMIT = 1000


def _request(data: bytes, *, content_length: int | None, terminated: bool = True) -> tuple[Request, CountingInput]:
    source = CountingInput(data)
    environ: dict[str, Any] = {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "wsgi.input": source}
    if content_length is None:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        environ["CONTENT_LENGTH"] = str(content_length)
    if terminated:  # the server decodes the chunks and ends the stream (gunicorn does)
        environ["wsgi.input_terminated"] = True
    return Request(environ), source


def _read_afterwards(request: Request) -> bytes:
    """What functions-framework's read of the rest would get (a fresh view of the environ)."""
    return Request(request.environ).get_data()


def test_a_length_over_the_limit_is_refused_without_reading_a_byte() -> None:
    request, source = _request(b"x" * 10, content_length=32 * 1024 * 1024)

    assert body_within(request, LIMIT) == BodyOverLimit(LIMIT, 32 * 1024 * 1024)
    assert source.taken == 0
    assert _read_afterwards(request) == b""
    assert source.taken == 0


def test_declared_over_limit_reads_nothing_and_lets_a_body_within_pass() -> None:
    over, over_source = _request(b"x" * (LIMIT + 1), content_length=LIMIT + 1)
    within, within_source = _request(b"x" * LIMIT, content_length=LIMIT)

    assert declared_over_limit(over, LIMIT) == BodyOverLimit(LIMIT, LIMIT + 1)
    assert declared_over_limit(within, LIMIT) is None
    assert (over_source.taken, within_source.taken) == (0, 0)
    assert body_within(within, LIMIT) == b"x" * LIMIT


def test_a_chunked_body_over_the_limit_is_read_no_further_than_one_byte_past_it() -> None:
    request, source = _request(b"x" * (50 * LIMIT), content_length=None)

    over = body_within(request, LIMIT)

    assert over == BodyOverLimit(LIMIT, None)
    assert isinstance(over, BodyOverLimit)
    assert over.size_at_least == LIMIT + 1
    assert source.taken == LIMIT + 1
    assert _read_afterwards(request) == b""
    assert source.taken == LIMIT + 1


@pytest.mark.parametrize("size", [0, 1, LIMIT])
def test_a_chunked_body_up_to_the_limit_is_read_whole_and_read_again_from_memory(size: int) -> None:
    request, source = _request(b"y" * size, content_length=None)

    assert body_within(request, LIMIT) == b"y" * size
    assert _read_afterwards(request) == b"y" * size
    assert source.taken == size


def test_a_body_with_its_length_is_read_to_its_length_only() -> None:
    request, source = _request(b"z" * 10 + b"next request", content_length=10)

    assert body_within(request, LIMIT) == b"z" * 10
    assert source.taken == 10
    assert _read_afterwards(request) == b"z" * 10


def test_a_body_with_no_length_from_a_server_that_does_not_end_it_is_not_read() -> None:
    request, source = _request(b"x" * 10, content_length=None, terminated=False)

    assert body_within(request, LIMIT) == b""
    assert source.taken == 0


def test_a_body_left_unread_is_empty_for_every_later_reader() -> None:
    request, source = _request(b"x" * (50 * LIMIT), content_length=None)

    leave_body_unread(request)

    assert _read_afterwards(request) == b""
    assert source.taken == 0
