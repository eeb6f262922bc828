"""Serve a ``PushConsumer`` from a Flask request (functions-framework HTTP target)."""

from __future__ import annotations

from typing import Any

from pipeline_kit.routing.push_consumer import PushConsumer


def push_response(consumer: PushConsumer, request: Any) -> Any:
    """Answer a push request: empty 204 on ack, a short JSON reason otherwise."""
    from flask import Response, jsonify

    if request.method != "POST":
        return jsonify({"code": "method_not_allowed", "message": "push endpoints accept POST only"}), 405
    result = consumer.handle(request.headers, request.get_data(cache=False))
    if result.status == 204:
        return Response(status=204)
    return jsonify({"outcome": result.outcome.value, "message": result.detail[:500]}), result.status
