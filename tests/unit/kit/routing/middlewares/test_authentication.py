"""``authentication``: the token decides before anything else; a refusal never reads the body."""

from __future__ import annotations

import pytest

from pipeline_kit.routing.middlewares.authentication import authentication
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_request import PushRequest
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import CONSUMER, Authenticator, forbidden, log_lines, unauthenticated

pytestmark = pytest.mark.unit


def _unread() -> bytes:
    raise AssertionError("authentication never reads the body")


def _next(request: PushRequest) -> PushResult:
    return PushResult(Outcome.HANDLED, detail=f"passed on with {request.header('authorization')}")


def test_an_accepted_caller_goes_on_with_the_same_request() -> None:
    authenticator = Authenticator()

    result = authentication(CONSUMER, authenticator)(PushRequest.of({"AUTHORIZATION": "Bearer t"}, _unread), _next)

    assert result == PushResult(Outcome.HANDLED, detail="passed on with Bearer t")
    assert authenticator.calls == ["Bearer t"]


def test_a_request_without_a_token_is_asked_about_none() -> None:
    authenticator = Authenticator()

    authentication(CONSUMER, authenticator)(PushRequest.of({}, _unread), _next)

    assert authenticator.calls == [None]


@pytest.mark.parametrize(
    ("authenticator", "outcome", "reason"),
    [
        (unauthenticated(), Outcome.UNAUTHENTICATED, "missing_token"),
        (forbidden(), Outcome.FORBIDDEN, "caller_not_allowed"),
    ],
    ids=["401", "403"],
)
def test_a_refusal_answers_alone_with_one_warning(
    authenticator: Authenticator, outcome: Outcome, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def not_reached(request: PushRequest) -> PushResult:
        raise AssertionError("a refused request goes no further")

    result = authentication(CONSUMER, authenticator)(PushRequest.of({}, _unread), not_reached)

    assert (result.outcome, result.detail) == (outcome, reason)
    (line,) = log_lines(capsys.readouterr().out)
    assert (line["severity"], line["outcome"]) == ("WARNING", outcome.value)
    assert line["message"] == f"{CONSUMER}: push request rejected: {reason}"
