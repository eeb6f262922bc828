"""The error an API route raises to answer with a given status and a stable code."""

from __future__ import annotations

from collections.abc import Mapping


class ApiError(Exception):
    """Answered as ``{"code": code, "message": message}`` with ``status`` (and ``headers``)."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})
