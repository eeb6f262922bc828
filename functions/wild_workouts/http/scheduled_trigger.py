"""What every Cloud Scheduler trigger (outbox sweeper, saga timeouts) does around its own work.

A trigger is called with ``POST`` and an OIDC token from the scheduler's service account,
verified like a push request's (audience, issuer, signature, expiry, allowed account), because
in the monolith deployment these paths live on the public API service. ``trigger_response``
runs, in this order: the gate (``refused_scheduler_call``), the trigger's query parameter
(400 ``invalid_argument`` with the parser's message, never clamped), the trigger's work, and
its JSON answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pipeline_kit import PushAuthenticating

P = TypeVar("P")

TRIGGERS = ("outbox_sweeper", "saga_timeouts")
"""The scheduler triggers, by their path in the monolith (and their function name)."""

AuthenticatorFor = Callable[[str | None], "PushAuthenticating"]
"""The authenticator of a scope: a trigger's name in the monolith, None on a trigger's own service."""


def refused_scheduler_call(request: Any, authenticator_for: AuthenticatorFor) -> Any | None:
    """The answer refusing ``request`` (405 not POST, 401 no valid token, 403 account not
    allowed), or None when the trigger may run. The allowed accounts are the path's
    (``/outbox_sweeper`` in the monolith: ``PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER``), or the
    service's one list (a trigger's own service, called at its root); the authenticator is
    built only for a POST."""
    from flask import jsonify

    from pipeline_kit.auth.access_denied import Forbidden, Unauthenticated

    if request.method != "POST":
        return jsonify({"code": "method_not_allowed", "message": "use POST"}), 405
    path = request.path.strip("/")
    trigger = path if path in TRIGGERS else None  # the monolith's path; a trigger's own service: "/"
    try:
        authenticator_for(trigger).authenticate(request.headers.get("Authorization"))
    except Unauthenticated as error:
        return jsonify({"code": "unauthenticated", "message": str(error)}), 401
    except Forbidden as error:
        return jsonify({"code": "forbidden", "message": str(error)}), 403
    return None


def trigger_response(
    request: Any,
    authenticator_for: AuthenticatorFor,
    parameter: Callable[[Any], P],
    run: Callable[[P], tuple[Mapping[str, Any], int]],
) -> Any:
    """The gate, then ``parameter(request)`` (a ValueError is the 400's message), then
    ``run(value)``: its body as JSON with its status."""
    from flask import jsonify

    refusal = refused_scheduler_call(request, authenticator_for)
    if refusal is not None:
        return refusal
    try:
        value = parameter(request)
    except ValueError as invalid:
        return jsonify({"code": "invalid_argument", "message": str(invalid)}), 400
    body, status = run(value)
    return jsonify(body), status
