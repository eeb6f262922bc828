"""Which failures of a delivery are permanent (park with the reason, then ack) and which are
transient (503: Pub/Sub retries with backoff, then dead-letters).

Decided by exception class families, the first row that matches wins:

1. the consumer's ``transient_errors`` → transient (the application knows better);
2. ``PermanentError``, the kit's decoding errors (malformed envelope, unknown type or version,
   invalid payload) and the consumer's ``permanent_errors`` (e.g. its domain errors) → permanent;
3. ``TransientError`` (the deadline guard's ``DeadlineExceeded`` among them) → transient;
4. Google API errors the request itself causes — ``InvalidArgument`` (a document id such as
   ``__x__``, an empty or oversized id), ``OutOfRange``, any other 400 except
   ``FailedPrecondition``, ``MethodNotImplemented`` → permanent: the same message fails the same
   way on every attempt;
5. every other Google API error → transient. ``Aborted``, ``Unavailable``, ``DeadlineExceeded``,
   ``ResourceExhausted``, ``Internal``, ``Unknown``, ``Cancelled``, ``RetryError`` and conflicts
   may pass on a retry. ``PermissionDenied``, ``Unauthenticated``, ``NotFound`` (a database or
   topic) and ``FailedPrecondition`` (a missing index; the unit of work handles the precondition
   failures of its own commits as conflicts) are transient **by choice**: they come from the
   environment, not the message — an operator fixes an IAM binding, a credential or an index, and
   every message fails alike until then. Parking would move the whole stream to the dead-letter
   topic and leave the redrive to a human; retrying keeps the messages in their subscription, in
   order, and they flow by themselves once the cause is fixed (past the maximum attempts Pub/Sub
   dead-letters them, and the dead-letter alert fires);
6. ``TimeoutError``, ``ConnectionError`` (and the client library's "Failed to commit
   transaction") → transient;
7. ``ValueError``, ``TypeError``, ``LookupError`` (``KeyError``, ``IndexError``),
   ``AssertionError``, ``AttributeError``, ``ArithmeticError``, ``NotImplementedError`` →
   permanent. Handlers are pure (no I/O of their own) and run on a payload that passed its
   schema, so such an error is deterministic: a domain rule raised as a plain ``ValueError`` (a
   refund outside 0–2), an invalid document path (``a/b``: the client library raises
   ``ValueError``), or a bug (fix it, then redrive the parked message);
8. anything else (``RuntimeError``, ``OSError``, unknown library errors) → transient: it may pass
   on a retry, and an unexpected failure is never acked (Pub/Sub dead-letters it).
"""

from __future__ import annotations

from enum import StrEnum

from pipeline_kit.errors.handler_errors import PermanentError, TransientError
from pipeline_kit.errors.transient_errors import is_transient
from pipeline_kit.events.event_envelope import MalformedEnvelope
from pipeline_kit.events.event_registry import InvalidEventPayload, UnknownEventType, UnsupportedEventVersion


class ErrorKind(StrEnum):
    PERMANENT = "permanent"
    TRANSIENT = "transient"


KIT_PERMANENT_ERRORS: tuple[type[BaseException], ...] = (
    PermanentError,
    MalformedEnvelope,
    UnknownEventType,
    UnsupportedEventVersion,
    InvalidEventPayload,
)

DETERMINISTIC_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,
    TypeError,
    LookupError,
    AssertionError,
    AttributeError,
    ArithmeticError,
    NotImplementedError,
)


def classify_error(
    error: BaseException,
    *,
    permanent: tuple[type[BaseException], ...] = (),
    transient: tuple[type[BaseException], ...] = (),
) -> ErrorKind:
    """The kind of ``error`` by the table of the module; ``permanent`` / ``transient`` are the
    consumer's own declarations (rows 2 and 1)."""
    if isinstance(error, transient):
        return ErrorKind.TRANSIENT
    if isinstance(error, KIT_PERMANENT_ERRORS + permanent):
        return ErrorKind.PERMANENT
    if isinstance(error, TransientError):
        return ErrorKind.TRANSIENT
    return _google_api_kind(error) or _python_kind(error)


def _python_kind(error: BaseException) -> ErrorKind:
    if is_transient(error) or not isinstance(error, DETERMINISTIC_ERRORS):
        return ErrorKind.TRANSIENT
    return ErrorKind.PERMANENT


def _google_api_kind(error: BaseException) -> ErrorKind | None:
    try:
        from google.api_core import exceptions
    except ImportError:  # pragma: no cover - the kit always has google-api-core
        return None
    if not isinstance(error, exceptions.GoogleAPIError):
        return None
    if isinstance(error, exceptions.BadRequest) and not isinstance(error, exceptions.FailedPrecondition):
        return ErrorKind.PERMANENT
    if isinstance(error, exceptions.MethodNotImplemented):
        return ErrorKind.PERMANENT
    return ErrorKind.TRANSIENT
