"""Serve a ``PushConsumer`` from a Flask request (functions-framework HTTP target)."""

from __future__ import annotations

from typing import Any

from pipeline_kit.push.message_size import MAX_PUSH_BODY_BYTES
from pipeline_kit.routing.push_consumer import PushConsumer, PushResult


def push_response(consumer: PushConsumer, request: Any) -> Any:
    """Answer a push request: empty 204 on ack, a short JSON reason otherwise.

    Limits before work, in this order: a body whose ``Content-Length`` is over
    ``MAX_PUSH_BODY_BYTES`` is refused (413 ``too_large``) unread; then the token is checked
    (401/403), still without reading the body; only then is the body read, no further than
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
    return jsonify({"outcome": result.outcome.value, "message": result.detail[:500]}), result.status


def _result(consumer: PushConsumer, request: Any) -> PushResult:
    from pipeline_kit.http.request_body import BodyOverLimit, body_within, declared_over_limit, leave_body_unread

    over = declared_over_limit(request, MAX_PUSH_BODY_BYTES)
    if over is not None:
        return consumer.too_large(over.size_at_least, over.limit, "the push request body")
    refused = consumer.refused_caller(request.headers)
    if refused is not None:
        leave_body_unread(request)
        return refused
    body = body_within(request, MAX_PUSH_BODY_BYTES)
    if isinstance(body, BodyOverLimit):
        what = "the push request body (sent without a length)"
        return consumer.too_large(body.size_at_least, body.limit, what, at_least=True)
    return consumer.handle_authenticated(request.headers, body)
