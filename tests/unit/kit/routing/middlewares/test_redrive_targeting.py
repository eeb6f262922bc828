"""``redrive_targeting``: a redriven copy meant for another consumer is ignored at once."""

from __future__ import annotations

import pytest

from pipeline_kit.routing.delivery import Delivery
from pipeline_kit.routing.middlewares.redrive_targeting import redrive_targeting
from pipeline_kit.routing.outcome import Outcome
from pipeline_kit.routing.push_result import PushResult
from tests.unit.kit.routing.in_memory_delivery import CONSUMER, delivery, envelope

pytestmark = pytest.mark.unit

HANDLED = PushResult(Outcome.HANDLED)


def _with(**attributes: str) -> Delivery:
    return delivery(envelope().to_json_bytes(), {**envelope().attributes(), **attributes})


@pytest.mark.parametrize("name", ["redrive_target", "redrive-target"])
def test_a_copy_for_another_consumer_is_ignored_without_going_on(name: str) -> None:
    def not_reached(_: Delivery) -> PushResult:
        raise AssertionError("ignored at once")

    result = redrive_targeting(_with(**{name: "trainer-on-orders"}), not_reached)

    assert result == PushResult(Outcome.IGNORED, "a redrive meant for 'trainer-on-orders'")


@pytest.mark.parametrize("attributes", [{}, {"redrive_target": CONSUMER}], ids=["no redrive", "for this consumer"])
def test_other_messages_go_on(attributes: dict[str, str]) -> None:
    assert redrive_targeting(_with(**attributes), lambda _: HANDLED) is HANDLED
