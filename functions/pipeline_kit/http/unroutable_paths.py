"""JSON errors for the requests functions-framework cannot route, and answers that leave the
body unread.

functions-framework routes ``/<path:path>``, which cannot match a path with a control
character (e.g. an encoded newline): such requests never reach a function and would get
Flask's HTML page. ``answer_unroutable_paths_in_json`` registers an error handler on the
framework's app that answers them with the API's JSON error shape instead, their body left
unread. It must run inside the framework's app context, i.e. while functions-framework loads
the source module (free: Flask is already imported); anywhere else it does nothing.
"""

from __future__ import annotations

from typing import Any


def answer_unroutable_paths_in_json() -> None:
    """See the module docstring (a no-op outside functions-framework: tests, tools)."""
    try:
        from flask import current_app, jsonify, request
        from werkzeug.exceptions import HTTPException

        app = current_app._get_current_object()  # type: ignore[attr-defined]
    except (ImportError, RuntimeError):  # imported outside functions-framework (tests, tools)
        return

    def json_error(error: HTTPException) -> Any:
        without_body(request)
        status = error.code or 500
        code = {404: "not_found", 405: "method_not_allowed"}.get(status, "bad_request")
        return jsonify({"code": code, "message": error.name}), status

    app.register_error_handler(HTTPException, json_error)


def without_body(request: Any) -> Any:
    """``request``, its body left unread: for the answers that take no body (scheduler
    triggers, health, an unknown consumer, an unroutable path), so functions-framework's read
    of "the rest" after the answer finds nothing to load (limits before work, see
    ``request_body.py``)."""
    from pipeline_kit.http.request_body import leave_body_unread

    leave_body_unread(request)
    return request
