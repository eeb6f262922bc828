"""An OpenTelemetry consumer span around the handling of one message."""

from __future__ import annotations

from pipeline_kit.observability.tracing import span
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.push_result import PushResult


def message_tracing(delivery: Delivery, following: Next) -> PushResult:
    with span(
        f"handle {delivery.message.attributes.get('event_type', 'message')}",
        kind="consumer",
        consumer=delivery.consumer.name,
        message_id=delivery.message.message_id,
    ):
        return following(delivery)
