"""Serve a ``PushConsumer`` from a Flask request (functions-framework HTTP target)."""

from __future__ import annotations

from typing import Any

from pipeline_kit.push.message_size import MAX_PUSH_BODY_BYTES
from pipeline_kit.routing.push_consumer import PushConsumer
from pipeline_kit.routing.push_request import BodyTooLarge, PushRequest
from pipeline_kit.routing.push_result import PushResult


def push_response(consumer: PushConsumer, request: Any) -> Any:
    """Answer a push request: empty 204 on ack, a short JSON reason otherwise.

    Before the chain: a method other than POST is 405, and a body whose ``Content-Length`` is
    over ``MAX_PUSH_BODY_BYTES`` is refused (413 ``too_large``) unread. Then the consumer's
    chain checks the token (401/403) before it reads the body, which is read no further than
    the limit (a chunked body past it: 413 too). So a request without a valid token never has
    its body read, and none is held beyond the limit (see ``http/request_body``).
    """
    from flask import Response, jsonify

    from pipeline_kit.http.request_body import leave_body_unread

    if request.method != "POST":
        leave_body_unread(request)
        return jsonify({"code": "method_not_allowed", "message": "push endpoints accept POST only"}), 405
    result = _result(consumer, request)
    if result.status == 204:
        return Response(status=204)
    return jsonify(outcome_json(result)), result.status


def outcome_json(result: PushResult) -> dict[str, str]:
    """The JSON answer of an outcome that does not ack: the outcome and a short reason."""
    return {"outcome": result.outcome.value, "message": result.detail[:500]}


def _result(consumer: PushConsumer, request: Any) -> PushResult:
    from pipeline_kit.http.request_body import BodyOverLimit, body_within, declared_over_limit, leave_body_unread

    over = declared_over_limit(request, MAX_PUSH_BODY_BYTES)
    if over is not None:
        return consumer.too_large(over.size_at_least, over.limit, "the push request body")
    read: list[bool] = []

    def read_body() -> bytes:
        read.append(True)
        body = body_within(request, MAX_PUSH_BODY_BYTES)
        if isinstance(body, BodyOverLimit):
            raise BodyTooLarge(body.size_at_least, body.limit)
        return body

    result = consumer.handle(PushRequest.of(request.headers.items(), read_body))
    if not read:  # answered without the body (refused by its token): nothing reads it later
        leave_body_unread(request)
    return result
