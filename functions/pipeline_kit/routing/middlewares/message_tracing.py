"""An OpenTelemetry consumer span around the handling of one message."""

from __future__ import annotations

from pipeline_kit.observability.tracing import span
from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.outcome import Outcome


def message_tracing(delivery: Delivery, following: Next) -> Outcome:
    with span(
        f"handle {delivery.message.attributes.get('event_type', 'message')}",
        kind="consumer",
        consumer=delivery.spec.name,
        message_id=delivery.message.message_id,
    ):
        return following(delivery)
