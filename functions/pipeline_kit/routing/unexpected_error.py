"""Which failures of a delivery are *unexpected*: logged once with their traceback.

Expected failures are the ones something declared: the kit's ``PermanentError`` and
``TransientError`` (and their families, the deadline guard's ``DeadlineExceeded`` among them),
the kit's decoding errors, the consumer's own ``permanent_errors`` and ``transient_errors``,
Google API errors and the transient infrastructure errors of ``errors/transient_errors``
(timeouts, connection errors). Their outcome line names the error; a traceback would say nothing
more. Everything else (a ``KeyError`` or ``ZeroDivisionError`` in a handler, a ``RuntimeError``
from a library) is a bug or a surprise: its traceback goes in ``stack_trace`` for Error
Reporting, whether the error taxonomy parks or retries it.
"""

from __future__ import annotations

from pipeline_kit.errors.handler_errors import TransientError
from pipeline_kit.errors.transient_errors import is_transient
from pipeline_kit.routing.error_taxonomy import KIT_PERMANENT_ERRORS


def is_unexpected(
    error: BaseException,
    *,
    permanent: tuple[type[BaseException], ...] = (),
    transient: tuple[type[BaseException], ...] = (),
) -> bool:
    if isinstance(error, (*KIT_PERMANENT_ERRORS, TransientError, *permanent, *transient)):
        return False
    if is_transient(error):
        return False
    try:
        from google.api_core import exceptions
    except ImportError:  # pragma: no cover - the kit always has google-api-core
        return True
    return not isinstance(error, exceptions.GoogleAPIError)
