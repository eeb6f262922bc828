"""``event_decoding``: unhandled types are ignored first, then the envelope's decoding error or an
unknown type is raised (for the classification), else the payload goes on as a new delivery."""

from __future__ import annotations

import pytest

from pipeline_kit.events.event_envelope import MalformedEnvelope
from pipeline_kit.events.event_registry import UnknownEventType
from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.middlewares.event_decoding import event_decoding
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import OrderPlaced, delivery, envelope, registry

pytestmark = pytest.mark.unit


def _not_reached(_: Delivery) -> PushResult:
    raise AssertionError("goes no further")


def test_the_decoded_payload_goes_on_in_a_new_delivery() -> None:
    original = delivery()
    received: list[Delivery] = []

    def following(passed: Delivery) -> PushResult:
        received.append(passed)
        return PushResult(Outcome.HANDLED)

    result = event_decoding(registry())(original, following)

    assert result.outcome is Outcome.HANDLED
    (passed,) = received
    assert passed.event == OrderPlaced("o-1") and passed.envelope == original.envelope
    assert original.event is None  # forward, never written back


@pytest.mark.parametrize(
    "target",
    [
        delivery(envelope("OrderShipped").to_json_bytes(), envelope("OrderShipped").attributes()),
        delivery(b"not json", {"event_type": "OrderShipped"}),  # checked before the envelope's error
        delivery(envelope("OrderShipped").to_json_bytes(), {}),  # no attribute: the envelope's type
    ],
    ids=["attribute and envelope", "malformed envelope", "envelope only"],
)
def test_a_registered_type_not_handled_here_is_ignored(target: Delivery) -> None:
    assert event_decoding(registry())(target, _not_reached) == PushResult(
        Outcome.IGNORED, "OrderShipped is not handled here"
    )


def test_the_envelope_error_is_raised_for_the_classification() -> None:
    with pytest.raises(MalformedEnvelope):
        event_decoding(registry())(delivery(b"not json", {"event_type": "OrderPlaced"}), _not_reached)


def test_a_type_nobody_registered_is_unknown() -> None:
    with pytest.raises(UnknownEventType, match="'Nope'"):
        event_decoding(registry())(delivery(envelope("Nope").to_json_bytes(), {}), _not_reached)
