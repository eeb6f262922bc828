"""Cloud Run entry points. ``FUNCTION_TARGET`` picks one; every service runs the same image.

Importing this module is cheap on purpose (cold start): it reads the environment to refuse an
insecure configuration and defines thin functions; the application is wired on first request.

Targets:
- ``api``                  the public HTTP API (commands and queries)
- ``outbox_sweeper``       republishes outbox records left unsent (Cloud Scheduler, OIDC)
- ``saga_timeouts``        rejects pending trainings past their saga deadline (Cloud Scheduler, OIDC)
- one per push consumer    (``trainer_on_trainings``, ``users_on_trainings``, ``trainings_on_trainer``,
                            ``trainings_on_users``, ``trainer_calendar``, ``attendee_trainings``)
- ``monolith``             everything in one service: ``/push/<consumer>``, ``/outbox_sweeper``,
                            ``/saga_timeouts``, ``/healthz``, and the API on every other path
"""

from __future__ import annotations

import os
from typing import Any

import functions_framework

from pipeline_kit.http.first_request import gc_paused_on_first_request
from pipeline_kit.observability.logging_bridge import install_logging_bridge

install_logging_bridge()  # library warnings as structured lines, with the request's trace (cheap)


def _refuse_insecure_configuration(environ: Any = os.environ) -> None:
    """On Cloud Run (K_SERVICE set), local-only switches must be off: refuse to start otherwise."""
    if not environ.get("K_SERVICE"):
        return
    if environ.get("PUSH_AUTH_DISABLED", "").strip().lower() in ("1", "true", "yes"):
        raise RuntimeError("PUSH_AUTH_DISABLED is for the local emulator only; refusing to start on Cloud Run")
    if environ.get("API_AUTH_DEV_ISSUER", "").strip().lower() in ("1", "true", "yes"):
        raise RuntimeError("API_AUTH_DEV_ISSUER is for local use only; refusing to start on Cloud Run")
    if environ.get("FIREBASE_AUTH_EMULATOR_HOST", "").strip():
        raise RuntimeError("FIREBASE_AUTH_EMULATOR_HOST is for local use only; refusing to start on Cloud Run")


_refuse_insecure_configuration()


def _json_errors_for_unroutable_paths() -> None:
    """functions-framework routes ``/<path:path>``, which cannot match a path with a control
    character (e.g. an encoded newline): such requests never reach our functions and would get
    Flask's HTML page. Answer them with the API's JSON error shape instead, their body left
    unread (as ``_without_body``; defined below, called per request). Runs inside the
    framework's app context while it loads this module (free: Flask is already imported)."""
    try:
        from flask import current_app, jsonify, request
        from werkzeug.exceptions import HTTPException

        app = current_app._get_current_object()  # type: ignore[attr-defined]
    except (ImportError, RuntimeError):  # imported outside functions-framework (tests, tools)
        return

    def json_error(error: HTTPException) -> Any:
        _without_body(request)
        status = error.code or 500
        code = {404: "not_found", 405: "method_not_allowed"}.get(status, "bad_request")
        return jsonify({"code": code, "message": error.name}), status

    app.register_error_handler(HTTPException, json_error)


_json_errors_for_unroutable_paths()


def _without_body(request: Any) -> Any:
    """For the answers that take no body (scheduler triggers, health, an unknown consumer, an
    unroutable path): it is left unread, so functions-framework's read of "the rest" after the answer finds nothing
    to load (limits before work, see pipeline_kit/http/request_body.py)."""
    from pipeline_kit.http.request_body import leave_body_unread

    leave_body_unread(request)
    return request


def _push(consumer: str, request: Any) -> Any:
    from pipeline_kit.http.push_endpoint import push_response
    from wild_workouts.bootstrap import UnknownConsumer, push_consumer

    try:
        return push_response(push_consumer(consumer), request)
    except UnknownConsumer:
        _without_body(request)
        return {"code": "not_found", "message": f"no push consumer named {consumer[:100]!r}"}, 404


@functions_framework.http
@gc_paused_on_first_request
def api(request: Any) -> Any:
    from wild_workouts.entrypoints.api_app import handle_api_request

    return handle_api_request(request)


@functions_framework.http
@gc_paused_on_first_request
def outbox_sweeper(request: Any) -> Any:
    from wild_workouts.entrypoints.outbox_sweeper_endpoint import handle_sweep_request

    return handle_sweep_request(_without_body(request))


@functions_framework.http
@gc_paused_on_first_request
def saga_timeouts(request: Any) -> Any:
    from wild_workouts.entrypoints.saga_timeouts_endpoint import handle_saga_timeouts_request

    return handle_saga_timeouts_request(_without_body(request))


@functions_framework.http
@gc_paused_on_first_request
def trainer_on_trainings(request: Any) -> Any:
    return _push("trainer-on-trainings", request)


@functions_framework.http
@gc_paused_on_first_request
def users_on_trainings(request: Any) -> Any:
    return _push("users-on-trainings", request)


@functions_framework.http
@gc_paused_on_first_request
def trainings_on_trainer(request: Any) -> Any:
    return _push("trainings-on-trainer", request)


@functions_framework.http
@gc_paused_on_first_request
def trainings_on_users(request: Any) -> Any:
    return _push("trainings-on-users", request)


@functions_framework.http
@gc_paused_on_first_request
def trainer_calendar(request: Any) -> Any:
    return _push("trainer-calendar", request)


@functions_framework.http
@gc_paused_on_first_request
def attendee_trainings(request: Any) -> Any:
    return _push("attendee-trainings", request)


@functions_framework.http
@gc_paused_on_first_request
def monolith(request: Any) -> Any:
    path: str = request.path
    if path.startswith("/push/"):
        return _push(path.removeprefix("/push/").strip("/"), request)
    if path.rstrip("/") == "/outbox_sweeper":
        return outbox_sweeper(request)
    if path.rstrip("/") == "/saga_timeouts":
        return saga_timeouts(request)
    if path == "/healthz":
        _without_body(request)
        return {"status": "ok"}
    return api(request)
