"""Ack a redriven message meant for another consumer, without looking at it.

``dlq redrive`` republishes a dead letter to its source topic with ``redrive_target`` set to
the consumer that failed it. Every other subscription of that topic would receive the copy too;
in production their filters drop it (``infra/modules/push_consumer``), but the emulator applies
no filter, and a consumer whose processed marker has expired would apply the event again. So a
consumer acks a copy meant for another one at once (outcome ``ignored``, nothing read or
written); a message without the attribute, or meant for this consumer, goes on.

In unwrapped push the attribute arrives as a header: behind WSGI ``redrive_target`` reads as
``redrive-target`` (and gunicorn drops headers with ``_``): both spellings are honoured; where
the header never arrives, only the subscription filter keeps the copy away.
"""

from __future__ import annotations

from pipeline_kit.routing.delivery import Delivery, Next
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult

ATTR_REDRIVE_TARGET = "redrive_target"
_HEADER_SPELLING = "redrive-target"


def redrive_targeting(delivery: Delivery, following: Next) -> PushResult:
    attributes = delivery.message.attributes
    target = attributes.get(ATTR_REDRIVE_TARGET, attributes.get(_HEADER_SPELLING))
    if target is not None and target != delivery.consumer.name:
        return PushResult(Outcome.IGNORED, f"a redrive meant for {target[:100]!r}")
    return following(delivery)
