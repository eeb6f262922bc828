"""The gate of every Cloud Scheduler trigger (outbox sweeper, saga timeouts).

A trigger is called with ``POST`` and an OIDC token from the scheduler's service account,
verified like a push request's (audience, issuer, signature, expiry, allowed account), because
in the monolith deployment these paths live on the public API service.
"""

from __future__ import annotations

from typing import Any


def refused_scheduler_call(request: Any) -> Any | None:
    """The answer refusing ``request`` (405 not POST, 401 no valid token, 403 account not
    allowed), or None when the trigger may run."""
    from flask import jsonify

    from pipeline_kit.auth import Forbidden, Unauthenticated
    from wild_workouts.bootstrap import push_authenticator

    if request.method != "POST":
        return jsonify({"code": "method_not_allowed", "message": "use POST"}), 405
    try:
        push_authenticator().authenticate(request.headers.get("Authorization"))
    except Unauthenticated as error:
        return jsonify({"code": "unauthenticated", "message": str(error)}), 401
    except Forbidden as error:
        return jsonify({"code": "forbidden", "message": str(error)}), 403
    return None
