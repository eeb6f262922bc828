"""Which Google API errors are transient (retry: nack with 503) and which are not."""

from __future__ import annotations


def is_transient(error: BaseException) -> bool:
    """True for errors that a later attempt may not hit: Aborted, Unavailable, DeadlineExceeded,
    ResourceExhausted, InternalServerError, ServiceUnavailable, timeouts and connection errors."""
    if isinstance(error, TimeoutError | ConnectionError):
        return True
    try:
        from google.api_core import exceptions
    except ImportError:  # pragma: no cover
        return False
    transient = (
        exceptions.Aborted,
        exceptions.ServiceUnavailable,
        exceptions.DeadlineExceeded,
        exceptions.ResourceExhausted,
        exceptions.InternalServerError,
        exceptions.GatewayTimeout,
        exceptions.RetryError,
    )
    if isinstance(error, transient):
        return True
    # "Failed to commit transaction in N attempts" from the client's transaction retry.
    return isinstance(error, ValueError) and "Failed to commit transaction" in str(error)
