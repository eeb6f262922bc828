"""The Firestore emulator's own ceiling: the same Firestore RPCs each target makes per event,
in a tight client loop (8 threads, one client, no HTTP, no Pub/Sub, no kit code).

- ``baseline``: one ``set(merge=True)`` commit;
- ``calendar``: one commit of the read-model write + a create-precondition marker;
- ``transactional``: what the naive transactional consumer does in Firestore: begin a
  transaction, read the account in it, commit the debit and the ledger entry;
- ``ledger``: one batched read (account, ledger and marker), one commit (account, ledger,
  outbox record, marker), and its share of a mark-sent commit: the kit marks outbox records
  sent off the request path, one commit for the messages of a ~20 ms window
  (``pipeline_kit.outbox.sent_marker``); here one mark-sent commit per ``concurrency`` events.
  (No publish: the ceiling is Firestore's.)
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

Operation = Callable[[Any, str], None]


def _baseline(db: Any, key: str) -> None:
    db.collection("ceiling_baseline").document(key).set({"availability": "available", "key": key}, merge=True)


def _calendar(db: Any, key: str) -> None:
    batch = db.batch()
    batch.set(db.collection("ceiling_calendar").document(key), {"availability": "available", "updated_at": _now()})
    batch.create(db.collection("ceiling_processed").document(key), {"event_id": key, "expire_at": _now()})
    batch.commit()


def _transactional(db: Any, key: str) -> None:
    from google.cloud import firestore

    account = db.collection("ceiling_accounts").document(key)

    @firestore.transactional
    def debit(transaction: Any) -> None:
        account.get(transaction=transaction)
        transaction.set(account, {"user_id": key, "balance": 0})
        transaction.set(db.collection("ceiling_ledger").document(key), {"state": "debited", "training_id": key})

    debit(db.transaction())


def _ledger(db: Any, key: str) -> None:
    account = db.collection("ceiling_accounts").document(key)
    marker = db.collection("ceiling_processed").document(key)
    ledger = db.collection("ceiling_ledger").document(key)
    outbox = db.collection("ceiling_outbox").document(key)
    list(db.get_all([account, ledger, marker]))
    batch = db.batch()
    batch.set(account, {"user_id": key, "balance": 0})
    batch.create(ledger, {"state": "debited", "training_id": key})
    batch.create(outbox, {"sent": False, "payload": {"user_id": key}, "created_at": _now()})
    batch.create(marker, {"event_id": key, "expire_at": _now()})
    batch.commit()
    with _sent_lock:
        _sent.append(outbox)
        if len(_sent) < MARK_SENT_SHARED_BY:
            return
        taken = list(_sent)
        _sent.clear()
    mark_sent = db.batch()
    for record in taken:
        mark_sent.update(record, {"sent": True, "sent_at": _now()})
    mark_sent.commit()


MARK_SENT_SHARED_BY = 8  # the concurrency: one linger window holds about one message per thread
_sent_lock = threading.Lock()
_sent: list[Any] = []


def _now() -> datetime:
    return datetime.now(UTC)


OPERATIONS: dict[str, Operation] = {
    "baseline": _baseline,
    "calendar": _calendar,
    "transactional": _transactional,
    "ledger": _ledger,
}


def ceiling_events_per_second(db: Any, target: str, events: int, concurrency: int = 8) -> float:
    operation = OPERATIONS[target]
    prefix = uuid.uuid4().hex[:8]
    keys = iter(f"{prefix}-{n}" for n in range(events))
    lock = threading.Lock()
    failures: list[BaseException] = []

    def worker() -> None:
        while True:
            with lock:
                key = next(keys, None)
            if key is None or failures:
                return
            try:
                operation(db, key)
            except Exception as error:
                failures.append(error)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"emulator ceiling {target}: {failures[0]!r}") from failures[0]
    return events / (time.perf_counter() - started)
