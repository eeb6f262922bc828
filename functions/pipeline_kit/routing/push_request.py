"""What the middleware chain receives: one push request, its body not read yet.

The HTTP layer (``http/push_endpoint``) builds it from a Flask request: ``read_body`` reads the
body no further than the push limit, and only when called, so a request refused by its token
never has its body read. Code that already holds the body (tests, benchmarks) uses
``PushRequest.with_body``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


class BodyTooLarge(Exception):
    """The body, sent without a length, went past ``limit``: at least ``size_at_least`` bytes."""

    def __init__(self, size_at_least: int, limit: int) -> None:
        super().__init__(f"the body is at least {size_at_least} bytes, over its limit of {limit}")
        self.size_at_least = size_at_least
        self.limit = limit


@dataclass(frozen=True)
class PushRequest:
    """``headers`` with lower-cased names; ``read_body()`` returns the body or raises ``BodyTooLarge``."""

    headers: Mapping[str, str]
    read_body: Callable[[], bytes]

    @classmethod
    def of(cls, headers: Mapping[str, str] | Iterable[tuple[str, str]], read_body: Callable[[], bytes]) -> PushRequest:
        """Lower-case the header names (a later spelling of a name wins, as in the push parser)."""
        items = headers.items() if isinstance(headers, Mapping) else headers
        return cls({name.lower(): value for name, value in items}, read_body)

    @classmethod
    def with_body(cls, headers: Mapping[str, str], body: bytes) -> PushRequest:
        """A request whose body is already in memory."""
        return cls.of(headers, lambda: body)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())
