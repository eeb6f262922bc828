"""The naive baseline: what a user writes from the Cloud Run Pub/Sub sample.

A functions-framework HTTP handler that decodes the wrapped push body (base64 JSON data) and
does one plain Firestore ``set(..., merge=True)`` per message. Eager module-level imports and
client creation; no transaction, no dedup, no auth, no tracing, no logging. Any decodable
message is acked (204) once its write is done; an undecodable one gets 400 (nack).
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

import functions_framework
from google.cloud import firestore

COLLECTION = os.environ.get("BASELINE_COLLECTION", "baseline_calendar")
db = firestore.Client(project=os.environ.get("GOOGLE_CLOUD_PROJECT"))


@functions_framework.http
def naive_push(request: Any) -> Any:
    try:
        message = json.loads(request.get_data())["message"]
        event = json.loads(base64.b64decode(message["data"]))
        document_id = str(event["aggregate_id"])
    except (ValueError, KeyError, TypeError):
        return "bad push body", 400
    db.collection(COLLECTION).document(document_id).set(
        {"payload": event["payload"], "event_id": event["event_id"], "type": event["type"]}, merge=True
    )
    return "", 204
