"""A request body read within its limit, before any other work (limits before work).

An entry point calls these on functions-framework's Flask request before anything else reads
the body, and before authentication:

- ``declared_over_limit``: a body whose ``Content-Length`` is over the limit is refused without
  reading a byte of it.
- ``body_within``: the same check, then the body is read no further than ``limit + 1`` bytes
  (a chunked body, sent without a length, is refused at the first byte past the limit), so no
  request ever holds more than its limit in memory.
- ``leave_body_unread``: for an answer given without the body (refused by size or by token).

Each of them then re-seats the WSGI input on what was read (the whole body, or nothing), because
functions-framework reads "the rest" of every request after the function returns (its
``read_request``): without this, that read would load an unread 32 MiB body into memory after
all, or fail on the limit and turn the answer into a 500. The bytes left on the connection are
the server's to discard (gunicorn reads them off in small pieces before the connection's next
request, or closes it); they are never held.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

_READ_SIZE = 64 * 1024


@dataclass(frozen=True, slots=True)
class BodyOverLimit:
    """A body refused for its size. ``size`` is its ``Content-Length``, or None when it came
    without one and was found over ``limit`` after ``limit + 1`` bytes."""

    limit: int
    size: int | None

    @property
    def size_at_least(self) -> int:
        """Its size, or the least it can be (``limit + 1``) when it was sent without a length."""
        return self.size if self.size is not None else self.limit + 1


def declared_over_limit(request: Any, limit: int) -> BodyOverLimit | None:
    """The refusal of a body whose ``Content-Length`` is over ``limit`` (left unread), or None."""
    from werkzeug.wsgi import get_content_length

    declared = get_content_length(request.environ)
    if declared is not None and declared > limit:
        leave_body_unread(request)
        return BodyOverLimit(limit, declared)
    return None


def body_within(request: Any, limit: int) -> bytes | BodyOverLimit:
    """The whole body when it is at most ``limit`` bytes, else its refusal (see the module)."""
    from werkzeug.wsgi import get_content_length, get_input_stream

    over = declared_over_limit(request, limit)
    if over is not None:
        return over
    declared = get_content_length(request.environ)
    # The length, or the server-terminated stream of a chunked body (an empty one when the
    # server does not terminate it: unsafe to read); no max, this function is the limit.
    stream = get_input_stream(request.environ, max_content_length=None)
    body = _read_at_most(stream, limit + 1 if declared is None else declared)
    if len(body) > limit:
        leave_body_unread(request)
        return BodyOverLimit(limit, None)
    _reseat_input(request.environ, body)
    return body


def leave_body_unread(request: Any) -> None:
    """Answer without the body: whatever reads the request later sees an empty one."""
    _reseat_input(request.environ, b"")


def _read_at_most(stream: Any, count: int) -> bytes:
    parts: list[bytes] = []
    remaining = count
    while remaining > 0:
        part: bytes = stream.read(min(_READ_SIZE, remaining))
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def _reseat_input(environ: dict[str, Any], body: bytes) -> None:
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
