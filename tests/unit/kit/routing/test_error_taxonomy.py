"""The error taxonomy, row by row: what is parked (permanent) and what is retried (transient)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from google.api_core import exceptions

from pipeline_kit.deadline.delivery_deadline import DeadlineExceeded
from pipeline_kit.errors.handler_errors import PermanentError, TransientError
from pipeline_kit.events.event_envelope import MalformedEnvelope
from pipeline_kit.events.event_registry import InvalidEventPayload, UnknownEventType, UnsupportedEventVersion
from pipeline_kit.firestore.optimistic_unit_of_work import ConflictRetriesExhausted
from pipeline_kit.pubsub.publisher import PublishFailed
from pipeline_kit.push import PushMessage
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.error_taxonomy import ErrorKind, classify_error
from pipeline_kit.routing.middlewares.error_classification import error_classification
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult

pytestmark = pytest.mark.unit

PERMANENT, TRANSIENT = ErrorKind.PERMANENT, ErrorKind.TRANSIENT


class DomainRuleBroken(Exception):
    """Stands for an application's domain error (declared permanent by its consumer)."""


class LaterMaybe(ValueError):
    """An application error that subclasses ValueError but is declared transient."""


def google(kind: type[Exception], message: str = "x") -> Callable[[], BaseException]:
    return lambda: kind(message)


def retry_error() -> BaseException:
    return exceptions.RetryError("gave up", None)  # type: ignore[no-untyped-call]


def json_error() -> BaseException:
    try:
        json.loads("{")
    except ValueError as error:
        return error
    raise AssertionError("unreachable")


ROWS: list[tuple[str, Callable[[], BaseException], ErrorKind]] = [
    # the kit's own decisions
    ("PermanentError", lambda: PermanentError("rule"), PERMANENT),
    ("MalformedEnvelope", lambda: MalformedEnvelope("bad"), PERMANENT),
    ("UnknownEventType", lambda: UnknownEventType("Nope"), PERMANENT),
    ("UnsupportedEventVersion", lambda: UnsupportedEventVersion("v9"), PERMANENT),
    ("InvalidEventPayload", lambda: InvalidEventPayload("bad"), PERMANENT),
    ("TransientError", lambda: TransientError("later"), TRANSIENT),
    ("the deadline guard", lambda: DeadlineExceeded("spent"), TRANSIENT),
    ("PublishFailed", lambda: PublishFailed("publish to t failed"), TRANSIENT),
    ("ConflictRetriesExhausted", lambda: ConflictRetriesExhausted("6 conflicts"), TRANSIENT),
    # domain rules raised as plain Python errors by pure handler code
    ("ValueError (refund outside 0-2)", lambda: ValueError("refund must be 0, 1 or 2, got 3"), PERMANENT),
    (
        "ValueError (document path a/b)",
        lambda: ValueError("A document must have an even number of path elements"),
        PERMANENT,
    ),
    ("TypeError", lambda: TypeError("unsupported operand"), PERMANENT),
    ("KeyError", lambda: KeyError("hour"), PERMANENT),
    ("IndexError", lambda: IndexError("list index out of range"), PERMANENT),
    ("AssertionError", lambda: AssertionError("invariant"), PERMANENT),
    ("AttributeError", lambda: AttributeError("no attribute"), PERMANENT),
    ("ZeroDivisionError", lambda: ZeroDivisionError("division by zero"), PERMANENT),
    ("NotImplementedError", lambda: NotImplementedError("todo"), PERMANENT),
    ("UnicodeDecodeError", lambda: UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid"), PERMANENT),
    ("json.JSONDecodeError", json_error, PERMANENT),
    # Google API errors the message itself causes
    ("InvalidArgument (id __x__)", google(exceptions.InvalidArgument, 'Resource id "__x__" is invalid'), PERMANENT),
    ("OutOfRange", google(exceptions.OutOfRange), PERMANENT),
    ("BadRequest", google(exceptions.BadRequest), PERMANENT),
    ("MethodNotImplemented", google(exceptions.MethodNotImplemented), PERMANENT),
    # Google API errors that may pass on a retry
    ("Aborted", google(exceptions.Aborted), TRANSIENT),
    ("ServiceUnavailable", google(exceptions.ServiceUnavailable), TRANSIENT),
    ("DeadlineExceeded", google(exceptions.DeadlineExceeded), TRANSIENT),
    ("ResourceExhausted", google(exceptions.ResourceExhausted), TRANSIENT),
    ("InternalServerError", google(exceptions.InternalServerError), TRANSIENT),
    ("Unknown", google(exceptions.Unknown), TRANSIENT),
    ("Cancelled", google(exceptions.Cancelled), TRANSIENT),
    ("BadGateway", google(exceptions.BadGateway), TRANSIENT),
    ("AlreadyExists (a conflict)", google(exceptions.AlreadyExists), TRANSIENT),
    ("RetryError", retry_error, TRANSIENT),
    # the environment's problems, fixed by an operator: retried until Pub/Sub dead-letters (by choice)
    ("PermissionDenied", google(exceptions.PermissionDenied), TRANSIENT),
    ("Unauthenticated", google(exceptions.Unauthenticated), TRANSIENT),
    ("NotFound (database, topic)", google(exceptions.NotFound), TRANSIENT),
    ("FailedPrecondition (missing index)", google(exceptions.FailedPrecondition, "requires an index"), TRANSIENT),
    # the network, the process and the unknown
    ("TimeoutError", lambda: TimeoutError("timed out"), TRANSIENT),
    ("ConnectionResetError", lambda: ConnectionResetError("reset"), TRANSIENT),
    ("Failed to commit transaction", lambda: ValueError("Failed to commit transaction in 5 attempts."), TRANSIENT),
    ("OSError", lambda: OSError("too many open files"), TRANSIENT),
    ("RuntimeError", lambda: RuntimeError("cannot schedule new futures after shutdown"), TRANSIENT),
    ("MemoryError", MemoryError, TRANSIENT),
    ("an unknown library error", lambda: type("WeirdLibraryError", (Exception,), {})("?"), TRANSIENT),
]


@pytest.mark.parametrize(("make", "expected"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_each_family_has_its_kind(make: Callable[[], BaseException], expected: ErrorKind) -> None:
    assert classify_error(make()) is expected


def test_the_consumer_declares_its_own_permanent_types() -> None:
    assert classify_error(DomainRuleBroken("no hour")) is TRANSIENT
    assert classify_error(DomainRuleBroken("no hour"), permanent=(DomainRuleBroken,)) is PERMANENT


def test_the_consumer_declares_types_to_retry_even_where_the_table_says_permanent() -> None:
    assert classify_error(LaterMaybe("not yet")) is PERMANENT
    assert classify_error(LaterMaybe("not yet"), transient=(LaterMaybe,)) is TRANSIENT
    assert classify_error(ValueError("other"), transient=(LaterMaybe,)) is PERMANENT


# -- the middleware: permanent → park then ack, transient → 503, parking failure → 503 ---------


def delivery() -> Delivery:
    spec = ConsumerSpec(
        name="c", source_topic="t", dead_letter_topic="c-dead-letter", handlers={}, permanent_errors=(DomainRuleBroken,)
    )
    return Delivery(
        consumer=spec, message=PushMessage(b"{}", {}, "m-1", None, None, 1, "projects/p/subscriptions/s", "wrapped")
    )


def run(error: BaseException, parker: Callable[[Delivery, BaseException], None]) -> tuple[Outcome, PushResult]:
    def failing(_: Delivery) -> PushResult:
        raise error

    result = error_classification(parker)(delivery(), failing)
    return result.outcome, result


@pytest.mark.parametrize(
    "error",
    [ValueError("refund must be 0, 1 or 2, got 3"), DomainRuleBroken("hour not available"), KeyError("x")],
    ids=["ValueError", "declared domain error", "KeyError"],
)
def test_a_permanent_error_is_parked_with_its_reason_and_acked(error: BaseException) -> None:
    parked: list[BaseException] = []
    outcome, result = run(error, lambda _, e: parked.append(e))
    assert (outcome, outcome.status) == (Outcome.PARKED, 204)
    assert parked == [error]
    assert result.detail.startswith(f"{type(error).__name__}: ")


def test_a_transient_error_is_retried_and_not_parked() -> None:
    parked: list[BaseException] = []
    outcome, result = run(google(exceptions.ServiceUnavailable, "down")(), lambda _, e: parked.append(e))
    assert (outcome, outcome.status) == (Outcome.RETRY, 503)
    assert parked == []
    assert "ServiceUnavailable" in result.detail


def test_a_permanent_error_whose_parking_fails_is_not_acked() -> None:
    def parker(_: Delivery, __: BaseException) -> None:
        raise PublishFailed("dead-letter topic missing")

    outcome, _ = run(ValueError("rule"), parker)
    assert (outcome, outcome.status) == (Outcome.PARK_FAILED, 503)
