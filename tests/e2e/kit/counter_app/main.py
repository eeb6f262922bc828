"""The counter test app, served by functions-framework (target ``counter_app``).

Imports only ``pipeline_kit`` (and its own modules). Paths: ``POST /push`` (the push
consumer), ``POST /outbox_sweeper?older_than_seconds=S`` (republish unsent outbox records),
``GET /healthz``.

Environment: ``COUNTER_CONSUMER``, ``COUNTER_SOURCE_TOPIC``, ``COUNTER_DEAD_LETTER_TOPIC``,
``COUNTER_CHANGED_TOPIC``, ``COUNTER_ACK_DEADLINE_SECONDS`` (default 30). Push auth follows
``PUSH_AUTH_*`` (``build_push_authenticator``) unless ``TEST_PUSH_PUBLIC_KEY_FILE`` is set:
then a real ``PushAuthenticator`` checks tokens signed by that key (``TEST_PUSH_KEY_ID``,
``TEST_PUSH_AUDIENCE``, ``TEST_PUSH_EMAIL``).
"""

from __future__ import annotations

import functools
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import functions_framework

from pipeline_kit.auth.auth_settings import PushAuthSettings
from pipeline_kit.auth.certificate_source import StaticCertificateSource
from pipeline_kit.auth.jwt_verifier import JwtVerifier
from pipeline_kit.auth.push_authenticator import GOOGLE_ISSUERS, PushAuthenticating, PushAuthenticator
from pipeline_kit.auth.push_authenticator_factory import build_push_authenticator
from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.observability.logging_bridge import install_logging_bridge
from pipeline_kit.routing.consumer_spec import ConsumerSpec
from pipeline_kit.routing.push_consumer import PushConsumer
from tests.e2e.kit.counter_app.counter_events import CounterIncremented, counter_registry
from tests.e2e.kit.counter_app.counter_handler import handle_counter_incremented

install_logging_bridge()


def _authenticator() -> PushAuthenticating:
    key_file = os.environ.get("TEST_PUSH_PUBLIC_KEY_FILE")
    if not key_file:
        return build_push_authenticator(PushAuthSettings.from_environ(os.environ))
    certificates = StaticCertificateSource({os.environ["TEST_PUSH_KEY_ID"]: Path(key_file).read_text()})
    verifier = JwtVerifier(certificates, issuers=GOOGLE_ISSUERS, audiences=[os.environ["TEST_PUSH_AUDIENCE"]])
    return PushAuthenticator(verifier, allowed_emails=[os.environ["TEST_PUSH_EMAIL"]])


@functools.cache
def counter_consumer() -> PushConsumer:
    registry = counter_registry()
    changed_topic = os.environ["COUNTER_CHANGED_TOPIC"]
    spec = ConsumerSpec(
        name=os.environ["COUNTER_CONSUMER"],
        source_topic=os.environ["COUNTER_SOURCE_TOPIC"],
        dead_letter_topic=os.environ["COUNTER_DEAD_LETTER_TOPIC"],
        handlers={CounterIncremented.event_type: handle_counter_incremented},
        ack_deadline_seconds=float(os.environ.get("COUNTER_ACK_DEADLINE_SECONDS", "30")),
    )
    emitter = EventEmitter(registry, topic_for=lambda event_type: changed_topic)
    return PushConsumer(spec, registry, emitter, _authenticator())


def _sweep(request: Any) -> Any:
    from flask import jsonify

    from pipeline_kit.firestore.firestore_client import firestore_client
    from pipeline_kit.outbox.outbox_sweeper import sweep_outbox

    older_than = float(request.args.get("older_than_seconds", "0"))
    result = sweep_outbox(firestore_client(), older_than=timedelta(seconds=older_than))
    body = {"found": result.found, "published": result.published, "failed": result.failed}
    return jsonify(body), 200 if result.failed == 0 else 503


@functions_framework.http
def counter_app(request: Any) -> Any:
    from pipeline_kit.http.push_endpoint import push_response

    path: str = request.path.rstrip("/")
    if path == "/push":
        return push_response(counter_consumer(), request)
    if path == "/outbox_sweeper" and request.method == "POST":
        return _sweep(request)
    if path == "/healthz":
        return {"status": "ok"}
    return {"code": "not_found"}, 404
