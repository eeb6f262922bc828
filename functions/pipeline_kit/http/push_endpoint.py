"""Serve a ``PushConsumer`` from a Flask request (functions-framework HTTP target)."""

from __future__ import annotations

from typing import Any

from pipeline_kit.push.message_size import MAX_PUSH_BODY_BYTES
from pipeline_kit.routing.push_consumer import PushConsumer


def push_response(consumer: PushConsumer, request: Any) -> Any:
    """Answer a push request: empty 204 on ack, a short JSON reason otherwise.

    Limits before work: a body over ``MAX_PUSH_BODY_BYTES`` is answered 413 from its
    ``Content-Length`` without being read (and a body without one is read no further than the
    limit), before authentication, parsing or parking.
    """
    from flask import Response, jsonify
    from werkzeug.exceptions import RequestEntityTooLarge

    if request.method != "POST":
        return jsonify({"code": "method_not_allowed", "message": "push endpoints accept POST only"}), 405
    request.max_content_length = MAX_PUSH_BODY_BYTES
    try:
        body = request.get_data(cache=False)
    except RequestEntityTooLarge:
        size = request.content_length if request.content_length is not None else MAX_PUSH_BODY_BYTES + 1
        result = consumer.too_large(size, MAX_PUSH_BODY_BYTES, "the push request body")
    else:
        result = consumer.handle(request.headers, body)
    if result.status == 204:
        return Response(status=204)
    return jsonify({"outcome": result.outcome.value, "message": result.detail[:500]}), result.status
