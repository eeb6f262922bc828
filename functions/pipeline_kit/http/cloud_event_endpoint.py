"""Serve a ``PushConsumer`` from a CloudEvent (functions-framework ``@cloud_event`` target): the
Pub/Sub trigger of Eventarc (``gcloud functions deploy --trigger-topic``).

Eventarc delivers each Pub/Sub message as a ``google.cloud.pubsub.topic.v1.messagePublished``
CloudEvent whose data is the wrapped push envelope (``{"message": {"data", "attributes",
"messageId", "publishTime"}, "subscription"}``). functions-framework reads the request (binary or
structured content mode) into a CloudEvent and calls the function with it; here the event is put
back in binary mode (``cloudevents.conversion.to_binary``, already loaded by functions-framework)
and handed to the consumer's own chain: the same push parser (``push/_cloud_event_push``), the
same middlewares and the same outcome table as a push request.

The answer, by ``routing/outcome``: an outcome that acks (handled, duplicate, ignored, parked —
the effect or the parked copy is stored) returns, and functions-framework answers 200 (Eventarc
acks); any other raises an HTTP error with the outcome's status and the JSON reason
``push_endpoint`` answers (503 retry or park_failed, 413 too_large), so Pub/Sub redelivers the
message — when the trigger retries (``--retry``); without it Eventarc drops a failed event.

What is not the same as a push request:

- **No request headers reach the function**, so the consumer's token check has nothing to check:
  the consumer is built with ``CLOUD_RUN_IAM``, which lets every event through. The gate is Cloud
  Run IAM: Eventarc calls the private service with an OIDC token of the trigger's service account,
  which needs ``roles/run.invoker``, checked before the request reaches the container.
- **functions-framework reads the whole body** before the function runs: the kit's push-body
  limit is not applied (the data size limit is: data over Pub/Sub's 10 MiB is 413).
- The event carries no ``deliveryAttempt`` (Eventarc's subscription has no dead-letter policy
  unless one is added to it), so a parked copy's ``delivery_attempt`` is empty.
"""

from __future__ import annotations

from typing import Any

from pipeline_kit.routing.push_consumer import PushConsumer
from pipeline_kit.routing.push_request import PushRequest


class CheckedByCloudRunIam:
    """The authenticator of a CloudEvent consumer: every event passes, because Cloud Run IAM
    checked the caller's token (``roles/run.invoker``) before the request reached the process."""

    def authenticate(self, authorization: str | None) -> None:
        return None


CLOUD_RUN_IAM = CheckedByCloudRunIam()


def handle_cloud_event(consumer: PushConsumer, event: Any) -> None:
    """Run ``event`` (a ``cloudevents`` CloudEvent from functions-framework) through ``consumer``'s
    chain. Returns when the outcome acks; raises ``werkzeug.exceptions.HTTPException`` with the
    outcome's status (a nack) otherwise."""
    from cloudevents.conversion import to_binary
    from flask import abort, jsonify

    from pipeline_kit.http.push_endpoint import outcome_json

    headers, body = to_binary(event)
    result = consumer.handle(PushRequest.with_body(headers, body or b""))
    if not result.outcome.acks:
        answer = jsonify(outcome_json(result))
        answer.status_code = result.status
        abort(answer)
