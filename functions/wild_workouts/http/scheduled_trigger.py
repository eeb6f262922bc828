"""The gate of every Cloud Scheduler trigger (outbox sweeper, saga timeouts).

A trigger is called with ``POST`` and an OIDC token from the scheduler's service account,
verified like a push request's (audience, issuer, signature, expiry, allowed account), because
in the monolith deployment these paths live on the public API service.
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("outbox_sweeper", "saga_timeouts")
"""The scheduler triggers, by their path in the monolith (and their function name)."""


def refused_scheduler_call(request: Any) -> Any | None:
    """The answer refusing ``request`` (405 not POST, 401 no valid token, 403 account not
    allowed), or None when the trigger may run. The allowed accounts are the path's
    (``/outbox_sweeper`` in the monolith: ``PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER``), or the
    service's one list (a trigger's own service, called at its root)."""
    from flask import jsonify

    from pipeline_kit.auth import Forbidden, Unauthenticated
    from wild_workouts.bootstrap import push_authenticator

    if request.method != "POST":
        return jsonify({"code": "method_not_allowed", "message": "use POST"}), 405
    path = request.path.strip("/")
    trigger = path if path in TRIGGERS else None  # the monolith's path; a trigger's own service: "/"
    try:
        push_authenticator(trigger).authenticate(request.headers.get("Authorization"))
    except Unauthenticated as error:
        return jsonify({"code": "unauthenticated", "message": str(error)}), 401
    except Forbidden as error:
        return jsonify({"code": "forbidden", "message": str(error)}), 403
    return None
