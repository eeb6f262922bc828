"""HTTP trigger for Cloud Scheduler: republish outbox records left unsent.

Cloud Scheduler calls it with an OIDC token, checked by ``scheduled_trigger_auth``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any


def handle_sweep_request(request: Any) -> Any:
    from flask import jsonify

    from pipeline_kit.firestore.firestore_client import firestore_client
    from pipeline_kit.observability import structured_log
    from pipeline_kit.outbox.outbox_sweeper import sweep_outbox
    from wild_workouts.entrypoints.scheduled_trigger_auth import refused_scheduler_call

    refusal = refused_scheduler_call(request)
    if refusal is not None:
        return refusal
    try:
        older_than = float(request.args.get("older_than_seconds", "30"))
    except ValueError:
        return jsonify({"code": "invalid_argument", "message": "older_than_seconds must be a number"}), 400
    older_than = min(max(older_than, 0.0), 86400.0)
    result = sweep_outbox(firestore_client(), older_than=timedelta(seconds=older_than))
    if result.found:
        structured_log.info(
            f"outbox sweep: {result.published} published, {result.failed} failed of {result.found}",
            outcome="swept",
        )
    status = 200 if result.failed == 0 else 503
    return jsonify({"found": result.found, "published": result.published, "failed": result.failed}), status
