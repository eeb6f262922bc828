"""The first step: the caller's token, before anything else (the body is never read here).

A missing or invalid token answers 401, a valid token of a caller that is not allowed 403
(``auth/push_authenticator``); either is one warning line and nothing else happens.
"""

from __future__ import annotations

from typing import Protocol

from pipeline_kit.routing.delivery import RequestMiddleware, RequestNext
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_request import PushRequest
from pipeline_kit.routing.push_result import PushResult, refused


class Authenticating(Protocol):
    """Raises ``auth.Unauthenticated`` or ``auth.Forbidden``; returning means the caller may push."""

    def authenticate(self, authorization: str | None) -> object: ...


def authentication(consumer: str, authenticator: Authenticating) -> RequestMiddleware:
    def authenticate(request: PushRequest, following: RequestNext) -> PushResult:
        from pipeline_kit.auth.access_denied import Forbidden, Unauthenticated

        try:
            authenticator.authenticate(request.header("authorization"))
        except Unauthenticated as error:
            return refused(consumer, Outcome.UNAUTHENTICATED, str(error))
        except Forbidden as error:
            return refused(consumer, Outcome.FORBIDDEN, str(error))
        return following(request)

    return authenticate
