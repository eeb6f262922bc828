"""Hello's entry points (functions-framework targets; ``FUNCTION_TARGET`` picks one).

- ``greet``          ``POST {"name": "Ada"}``: the command (202 with the greeting's id)
- ``hello_replier``  the push consumer of ``hello-greetings`` (``GreetingRequested``)
- ``outbox_sweeper`` ``POST ?older_than_seconds=S``: publishes what the outbox still holds
- ``monolith``       all of them in one service: ``/greet``, ``/push/hello-replier``,
                     ``/outbox_sweeper``, ``/healthz`` (what ``python -m ops dev`` serves)

Names agree with ``topology.tf`` (topic, consumer, dead-letter topic ``<consumer>-dead-letter``).
Environment: ``PUSH_AUTH_DISABLED`` (local emulator only), ``PUSH_AUTH_AUDIENCE``,
``PUSH_AUTH_ALLOWED_EMAILS``, ``ACK_DEADLINE_SECONDS`` (default 60), ``GOOGLE_CLOUD_PROJECT``.
Only the kit's public API (``from pipeline_kit import ...``) is used.
"""

from __future__ import annotations

import functools
import os
from datetime import timedelta
from typing import Any

import functions_framework
from hello_app.events import GreetingRequested, hello_registry
from hello_app.greet_command import greet as greet_command
from hello_app.reply_handler import reply_to_greeting

from pipeline_kit import (
    AccessDenied,
    ConsumerSpec,
    EventEmitter,
    PushAuthenticating,
    PushAuthSettings,
    PushConsumer,
    build_push_authenticator,
    execute_command,
    firestore_client,
    http_request_context,
    install_logging_bridge,
    push_response,
    sweep_outbox,
)

TOPIC = "hello-greetings"
CONSUMER = "hello-replier"

install_logging_bridge()


@functools.cache
def _authenticator() -> PushAuthenticating:
    return build_push_authenticator(PushAuthSettings.from_environ(os.environ))


@functools.cache
def _emitter() -> EventEmitter:
    return EventEmitter(hello_registry(), topic_for=lambda event_type: TOPIC)


@functools.cache
def _replier() -> PushConsumer:
    spec = ConsumerSpec(
        name=CONSUMER,
        source_topic=TOPIC,
        dead_letter_topic=f"{CONSUMER}-dead-letter",
        handlers={GreetingRequested.event_type: reply_to_greeting},
        ack_deadline_seconds=float(os.environ.get("ACK_DEADLINE_SECONDS", "60")),
    )
    return PushConsumer(spec, hello_registry(), _emitter(), _authenticator())


def _greet(request: Any) -> Any:
    if request.method != "POST":
        return {"code": "method_not_allowed", "message": "use POST"}, 405
    body = request.get_json(silent=True) or {}
    name = body.get("name") if isinstance(body, dict) else None
    if not isinstance(name, str) or not name.strip():
        return {"code": "invalid_argument", "message": 'POST {"name": "<a name>"}'}, 400
    with http_request_context(request.headers):  # the caller's traceparent and X-Correlation-Id, if any
        result = execute_command(lambda attempt: greet_command(attempt, _emitter(), name.strip()))
    return {"greeting_id": result.value}, 202


def _sweep(request: Any) -> Any:
    """Cloud Scheduler calls it with an OIDC token, checked like a push request's."""
    try:
        _authenticator().authenticate(request.headers.get("Authorization"))
    except AccessDenied as denied:
        return {"code": denied.reason}, denied.http_status
    older_than = timedelta(seconds=float(request.args.get("older_than_seconds", "30")))
    result = sweep_outbox(firestore_client(), older_than=older_than)
    body = {"found": result.found, "published": result.published, "failed": result.failed}
    return body, 200 if result.failed == 0 else 503


@functions_framework.http
def greet(request: Any) -> Any:
    return _greet(request)


@functions_framework.http
def hello_replier(request: Any) -> Any:
    return push_response(_replier(), request)


@functions_framework.http
def outbox_sweeper(request: Any) -> Any:
    return _sweep(request)


@functions_framework.http
def monolith(request: Any) -> Any:
    path: str = request.path.rstrip("/")
    if path == f"/push/{CONSUMER}":
        return push_response(_replier(), request)
    if path == "/greet":
        return _greet(request)
    if path == "/outbox_sweeper":
        return _sweep(request)
    if path == "/healthz":
        return {"status": "ok"}
    return {"code": "not_found"}, 404
