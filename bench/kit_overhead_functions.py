"""The two functions-framework targets of the in-process kit benchmark (issue 3, "Speed").

- ``bare_push``: decodes the wrapped body's base64 data and answers 204 — nothing else;
- ``kit_push``: the full kit ``PushConsumer`` through ``push_response``: verify the OIDC token
  (real ``PushAuthenticator``, keys from a ``StaticCertificateSource``: cached, no network),
  parse, decode and validate the envelope and payload, route, log, trace, idempotent handling —
  with a Firestore client that does no I/O (``NoIoFirestoreClient``) and a handler that does
  nothing, so what is measured is the kit's own overhead.

``KIT_BENCH_PUBLIC_PEM``, ``KIT_BENCH_KEY_ID``, ``KIT_BENCH_AUDIENCE`` and ``KIT_BENCH_EMAIL``
configure the verifier (set by ``bench.kit_overhead``).
"""

from __future__ import annotations

import base64
import json
import os
from functools import cache
from typing import Any

import functions_framework

from bench.no_io_firestore_client import NoIoFirestoreClient


@functions_framework.http
def bare_push(request: Any) -> Any:
    message = json.loads(request.get_data())["message"]
    base64.b64decode(message.get("data", ""))
    return "", 204


@functions_framework.http
def kit_push(request: Any) -> Any:
    from pipeline_kit.http.push_endpoint import push_response

    return push_response(kit_consumer(), request)


@cache
def kit_consumer() -> Any:
    from pipeline_kit.auth.certificate_source import StaticCertificateSource
    from pipeline_kit.auth.jwt_verifier import JwtVerifier
    from pipeline_kit.auth.push_authenticator import GOOGLE_ISSUERS, PushAuthenticator
    from pipeline_kit.events.event_emitter import EventEmitter
    from pipeline_kit.routing.consumer_spec import ConsumerSpec
    from pipeline_kit.routing.message_handler import HandlerContext
    from pipeline_kit.routing.push_consumer import PushConsumer
    from wild_workouts.bootstrap import event_registry

    def do_nothing(event: Any, context: HandlerContext) -> None:
        return None

    verifier = JwtVerifier(
        StaticCertificateSource({os.environ["KIT_BENCH_KEY_ID"]: os.environ["KIT_BENCH_PUBLIC_PEM"]}),
        issuers=GOOGLE_ISSUERS,
        audiences=[os.environ["KIT_BENCH_AUDIENCE"]],
    )
    spec = ConsumerSpec("kit-bench", "trainer-events", "kit-bench-dead-letter", {"HourMadeAvailable": do_nothing})
    client = NoIoFirestoreClient()
    return PushConsumer(
        spec,
        event_registry(),
        EventEmitter(event_registry(), lambda event_type: "unused-topic"),
        PushAuthenticator(verifier, [os.environ["KIT_BENCH_EMAIL"]]),
        client_factory=lambda: client,
        publish_fn=lambda topic, data, attributes, ordering_key: "unused",
    )
