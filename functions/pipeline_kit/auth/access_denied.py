"""Typed refusals of a request, each with the HTTP status an entrypoint should answer."""

from typing import ClassVar


class AccessDenied(Exception):
    """Base of the refusals. ``reason`` is a short stable code, safe to log."""

    http_status: ClassVar[int]

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unauthenticated(AccessDenied):
    """No credentials, or credentials that cannot be trusted: answer 401.

    For push, a 401 is a nack: Pub/Sub redelivers, then dead-letters.
    """

    http_status = 401


class Forbidden(AccessDenied):
    """Trusted credentials of a caller who is not allowed here: answer 403."""

    http_status = 403
