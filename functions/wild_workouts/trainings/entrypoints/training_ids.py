"""Choosing the id of a new training at the API edge.

Without ``Idempotency-Key`` a random UUID. With one, a UUID derived from (user, key): the
same user repeating the same request gets the same training (the schedule command returns
the existing one and publishes nothing); another user's identical key is another training.
"""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("5b0b6a0e-5d8e-4b5e-9a57-3f0c8d1e7a21")


def new_training_id(user_id: str, idempotency_key: str | None) -> str:
    if not idempotency_key:
        return str(uuid.uuid4())
    return str(uuid.uuid5(_NAMESPACE, f"{user_id}\n{idempotency_key}"))
