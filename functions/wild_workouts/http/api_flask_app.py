"""The Flask application of the public API (``build_api_app``), built from the routes the modules declare.

Per request, in this order: message context (correlation id, trace) and a server span →
body size from ``Content-Length`` (413 over ``MAX_BODY_BYTES``: ``handle_api_request`` has
already read no further than that, see ``api_request``) → route match (unknown path 404, wrong
method 405) → bearer token (401) → role (403) → path,
query and body validation against the OpenAPI document (400) → the route → JSON answer.
Every answer, errors included, is JSON ``{"code", "message"}`` on failure and carries
``X-Correlation-Id``. This module imports Flask at import time: import it lazily.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from pipeline_kit import http_request_context, span
from pipeline_kit.http.request_context import CORRELATION_HEADER
from pipeline_kit.observability.trace_context import current_context
from wild_workouts.http.api_error import ApiError, error_answer
from wild_workouts.http.api_route import ApiCall, ApiResponse, ApiRoute
from wild_workouts.http.caller_auth import TokenVerifier, authenticated_caller
from wild_workouts.http.openapi_document import operation
from wild_workouts.http.request_validation import validated_body, validated_parameters

if TYPE_CHECKING:
    from wild_workouts.http.web_assets import WebServing

MAX_BODY_BYTES = 64 * 1024


class ApiFlask(Flask):
    """Runs every request inside its message context and server span."""

    def full_dispatch_request(self) -> Response:
        with http_request_context(cast("Mapping[str, str]", request.headers)) as context:
            rule = request.url_rule.rule if request.url_rule is not None else "unmatched"
            with span(f"{request.method} {rule}", kind="server", http_method=request.method):
                response = super().full_dispatch_request()
            response.headers[CORRELATION_HEADER] = context.correlation_id
            return response


def json_response(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Response:
    data = "" if body is None else json.dumps(body, separators=(",", ":"))
    response = Response(data, status=status, mimetype=None if body is None else "application/json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def build_api_app(
    routes: Iterable[ApiRoute], verifier: TokenVerifier, document: Mapping[str, Any], web: WebServing
) -> Flask:
    app = ApiFlask("wild_workouts_api")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.url_map.merge_slashes = False  # "/users//a/…" (an id "/a") is 404, not a 308 to user "a"
    app.json.sort_keys = False  # type: ignore[attr-defined]

    @app.before_request
    def body_within_limit() -> None:
        """Before the route and the token: a body over the limit is refused from its length."""
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            raise ApiError(413, "body_too_large", f"the request body is over its limit of {MAX_BODY_BYTES} bytes")

    @app.get("/openapi.json")
    def openapi_json() -> Response:
        return json_response(200, document)

    from wild_workouts.http.web_assets import register_web_assets

    register_web_assets(app, web)  # the web app and /docs, same origin (see web_assets)

    for route in routes:
        app.add_url_rule(
            _flask_rule(route.path),
            endpoint=route.operation_id,
            view_func=_view(route, verifier, document),
            methods=[route.method],
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        codes = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}
        code = codes.get(status, "bad_request" if status < 500 else "internal")
        message = {404: "no such route"}.get(status, error.description or error.name)
        return json_response(status, {"code": code, "message": message})

    @app.errorhandler(Exception)
    def any_error(error: Exception) -> Response:
        status, body, headers = error_answer(error)
        return json_response(status, body, headers)

    return app


def _flask_rule(path: str) -> str:
    return path.replace("{", "<").replace("}", ">")


def _view(route: ApiRoute, verifier: TokenVerifier, document: Mapping[str, Any]) -> Callable[..., Response]:
    spec = operation(document, route.operation_id)

    def view(**path_values: str) -> Response:
        caller = authenticated_caller(verifier, request.headers.get("Authorization"))
        if caller.role not in route.roles:
            allowed = ", ".join(sorted(role.value for role in route.roles))
            raise ApiError(403, "forbidden", f"role {caller.role.value} may not do this; allowed: {allowed}")
        path = validated_parameters(path_values, "path", spec, document)
        query = validated_parameters(request.args.to_dict(), "query", spec, document)
        headers = {name.lower(): value for name, value in request.headers.items()}
        header_values = validated_parameters(headers, "header", spec, document)
        body = validated_body(request.get_data(cache=False), spec, document)
        context = current_context()
        call = ApiCall(
            caller=caller,
            correlation_id=context.correlation_id if context is not None else "",
            body=body,
            path=path,
            query=query,
            headers=header_values,
        )
        answer: ApiResponse = route.handle(call)
        return json_response(answer.status, answer.body, answer.headers)

    view.__name__ = route.operation_id
    return view
