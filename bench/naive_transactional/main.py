"""The naive transactional consumer: what a user writes for a read-modify-write consumer
without the kit, from the Cloud Run Pub/Sub sample and the Firestore transaction sample.

A functions-framework HTTP handler that decodes the wrapped push body (base64 JSON data), runs
one ``@firestore.transactional`` function (read the attendee's account, check and debit its
balance, write a ledger entry ``<user id>__<training id>``), then publishes a
``TrainingBalanceDebited`` message and waits for it (``publisher.publish(...).result()``).
Eager module-level imports and clients; no dedup, no outbox, no auth, no tracing, no logging.
A decodable message is acked (204) once its transaction committed and its publish returned;
an undecodable one gets 400 (nack); an account without balance is acked without a write.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

import functions_framework
from google.cloud import firestore, pubsub_v1  # type: ignore[attr-defined]

PROJECT = os.environ.get("GOOGLE_CLOUD_PROJECT", "")
ACCOUNTS = "users_accounts"
LEDGER = os.environ.get("NAIVE_LEDGER_COLLECTION", "naive_ledger")
TOPIC = os.environ.get("NAIVE_TOPIC", "users-events")

db = firestore.Client(project=PROJECT)
publisher = pubsub_v1.PublisherClient()
topic_path = publisher.topic_path(PROJECT, TOPIC)


@firestore.transactional
def debit(transaction: Any, user_id: str, training_id: str) -> bool:
    account_ref = db.collection(ACCOUNTS).document(user_id)
    account = account_ref.get(transaction=transaction)
    balance = int((account.to_dict() or {}).get("balance", 0)) if account.exists else 0
    if balance < 1:
        return False
    transaction.update(account_ref, {"balance": balance - 1})
    transaction.set(
        db.collection(LEDGER).document(f"{user_id}__{training_id}"),
        {"user_id": user_id, "training_id": training_id, "state": "debited"},
    )
    return True


@functions_framework.http
def naive_transactional_push(request: Any) -> Any:
    try:
        message = json.loads(request.get_data())["message"]
        event = json.loads(base64.b64decode(message["data"]))
        payload = event["payload"]
        user_id, training_id = str(payload["user_id"]), str(payload["training_id"])
    except (ValueError, KeyError, TypeError):
        return "bad push body", 400
    if debit(db.transaction(), user_id, training_id):
        data = json.dumps({"type": "TrainingBalanceDebited", "user_id": user_id, "training_id": training_id})
        publisher.publish(topic_path, data.encode()).result()
    return "", 204
