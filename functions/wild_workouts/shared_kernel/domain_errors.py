"""The error taxonomy shared by every module.

Each error has a stable machine ``code`` (a class variable, part of the API) and a human
message that says what was wrong and what is allowed. The entrypoints map the four families
to HTTP statuses: invalid input → 422, conflict with the current state → 409, not found →
404, forbidden → 403. Event handlers never let these escape for expected situations: a saga
answer that cannot be applied is ignored or answered with a rejection event instead.
"""

from typing import ClassVar


class DomainError(Exception):
    """Base of every expected business-rule failure."""

    code: ClassVar[str] = "domain_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInputError(DomainError):
    """The request itself breaks a rule (bad hour, too long notes, bad amount)."""

    code: ClassVar[str] = "invalid_input"


class ConflictError(DomainError):
    """The request is valid but not in the current state (hour taken, training canceled)."""

    code: ClassVar[str] = "conflict"


class NotFoundError(DomainError):
    """The thing does not exist, or the caller may not know that it exists."""

    code: ClassVar[str] = "not_found"


class ForbiddenError(DomainError):
    """The caller's role may not do this at all."""

    code: ClassVar[str] = "forbidden"
