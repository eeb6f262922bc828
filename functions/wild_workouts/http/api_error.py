"""The error an API route raises (``ApiError``), and every failure of an API request as
``(status, {"code", "message"}, headers)`` (``error_answer``):

- ``ApiError``: its own status and code (400 for malformed requests, 404 for unknown routes);
- ``Unauthenticated`` → 401 (with ``WWW-Authenticate: Bearer``), ``Forbidden`` → 403;
- domain errors: ``InvalidInputError`` → 422, ``ConflictError`` → 409, ``NotFoundError`` → 404,
  ``ForbiddenError`` → 403, each with the error's own stable ``code``;
- transient infrastructure errors (Firestore unavailable or contended, signing keys not
  reachable) → 503 ``unavailable`` with ``Retry-After``: the client may repeat the request;
- anything else → 500 ``internal``: logged ONCE, at ERROR, with its traceback in
  ``stack_trace`` (the field Error Reporting reads) and the request's correlation id and trace;
  never a stack trace in the body. A 503 is a declared transient failure: one WARNING line
  with its type and message, no traceback (it is not a bug).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline_kit import AccessDenied
from pipeline_kit.auth.access_denied import Unauthenticated
from pipeline_kit.observability import structured_log
from wild_workouts.shared_kernel.domain_errors import (
    ConflictError,
    DomainError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
)

RETRY_AFTER_SECONDS = "2"


class ApiError(Exception):
    """Answered as ``{"code": code, "message": message}`` with ``status`` (and ``headers``)."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


_DOMAIN_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (InvalidInputError, 422),
    (ConflictError, 409),
    (NotFoundError, 404),
    (ForbiddenError, 403),
)


def error_answer(error: BaseException) -> tuple[int, dict[str, Any], dict[str, str]]:
    if isinstance(error, ApiError):
        return error.status, _body(error.code, error.message), error.headers
    if isinstance(error, AccessDenied):
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthenticated) else {}
        message = (
            f"a valid bearer ID token is required ({error.reason})"
            if isinstance(error, Unauthenticated)
            else f"not allowed ({error.reason})"
        )
        code = "unauthenticated" if isinstance(error, Unauthenticated) else "forbidden"
        return error.http_status, _body(code, message), headers
    if isinstance(error, DomainError):
        for family, status in _DOMAIN_STATUS:
            if isinstance(error, family):
                return status, _body(error.code, error.message), {}
        return 422, _body(error.code, error.message), {}
    if _is_transient(error):
        structured_log.warning(
            f"transient failure, answering 503: {type(error).__name__}: {error}"[:500],
            outcome="unavailable",
            error_type=type(error).__name__,
        )
        return (
            503,
            _body("unavailable", "the service is briefly unavailable, retry shortly"),
            {"Retry-After": RETRY_AFTER_SECONDS},
        )
    structured_log.exception(
        f"unexpected error: {type(error).__name__}: {error}"[:1000], error, outcome="internal_error"
    )
    return 500, _body("internal", "internal error; the correlation id identifies it in the logs"), {}


def _body(code: str, message: str) -> dict[str, Any]:
    return {"code": code, "message": message}


def _is_transient(error: BaseException) -> bool:
    from pipeline_kit.auth.http_certificate_source import CertificatesUnavailable
    from pipeline_kit.errors.transient_errors import is_transient
    from pipeline_kit.firestore.optimistic_unit_of_work import ConflictRetriesExhausted

    return isinstance(error, ConflictRetriesExhausted | CertificatesUnavailable) or is_transient(error)
