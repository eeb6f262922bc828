"""A grant an administrator asked for with an ``Idempotency-Key`` (aggregate, id from both).

Stored in the same commit as the balance change it made, so a repeat of the request finds it
and is answered with the original outcome instead of granting again. The id is a UUID derived
from (administrator, key): another administrator's identical key is another request. A key
reused for another attendee or amount is refused (``IdempotencyKeyReusedError``): it is a
client bug, not a repeat.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from wild_workouts.users.domain.errors import IdempotencyKeyReusedError

_NAMESPACE = uuid.UUID("0f6f3c55-2a4e-4d2b-9b7e-6c1d8a93e4f2")


def grant_request_id(admin_id: str, idempotency_key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{admin_id}\n{idempotency_key}"))


@dataclass(frozen=True, slots=True)
class GrantRequest:
    request_id: str
    admin_id: str
    user_id: str
    amount: int
    balance_after: int
    """The attendee's balance right after this grant (what the original answer said)."""
    correlation_id: str

    def require_same_grant(self, user_id: str, amount: int) -> None:
        """A repeat must name the same attendee and amount."""
        if (user_id, amount) != (self.user_id, self.amount):
            raise IdempotencyKeyReusedError(
                f"this Idempotency-Key was used to grant {self.amount} to {self.user_id}; "
                f"use a new key to grant {amount} to {user_id}"
            )
