"""Answer before the subscription's ack deadline.

Pub/Sub redelivers a push message whose request outlives the ack deadline, while the first
attempt is still running. The guard gives the message a time budget (the ack deadline minus a
margin, from the consumer spec): every Firestore call and publish the kit makes for it gets the
remaining time as its timeout, and running out answers 503 (``DeadlineExceeded``, transient).
If a slow attempt commits after all, the redelivery finds its processed marker and is acked as
a duplicate, so nothing is applied twice.

The deadline is cooperative (no extra thread per message, which would cost more than the rest
of the kit): a handler that burns CPU for longer than the budget is not interrupted — handlers
are pure and fast by contract.
"""

from __future__ import annotations

from pipeline_kit.deadline.delivery_deadline import clear_deadline, start_deadline
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.push_result import PushResult


def deadline_guard(delivery: Delivery, following: Next) -> PushResult:
    token = start_deadline(delivery.consumer.time_budget_seconds)
    try:
        return following(delivery)
    finally:
        clear_deadline(token)
