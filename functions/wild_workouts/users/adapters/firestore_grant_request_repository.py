"""Idempotent grants in ``users_grant_requests/<request id>`` (written with the balance change)."""

from __future__ import annotations

from typing import Any

from pipeline_kit import UnitOfWorkAttempt
from wild_workouts.users.domain.grant_request import GrantRequest

GRANT_REQUESTS_COLLECTION = "users_grant_requests"


class FirestoreGrantRequestRepository:
    def __init__(self, attempt: UnitOfWorkAttempt) -> None:
        self._attempt = attempt

    def reference(self, request_id: str) -> Any:
        return self._attempt.client.collection(GRANT_REQUESTS_COLLECTION).document(request_id)

    def get(self, request_id: str) -> GrantRequest | None:
        document = self._attempt.get(self.reference(request_id))
        if document is None:
            return None
        return GrantRequest(
            request_id=request_id,
            admin_id=document["admin_id"],
            user_id=document["user_id"],
            amount=int(document["amount"]),
            balance_after=int(document["balance_after"]),
            correlation_id=document.get("correlation_id", ""),
        )

    def save(self, request: GrantRequest) -> None:
        self._attempt.set(
            self.reference(request.request_id),
            {
                "admin_id": request.admin_id,
                "user_id": request.user_id,
                "amount": request.amount,
                "balance_after": request.balance_after,
                "correlation_id": request.correlation_id,
            },
        )
