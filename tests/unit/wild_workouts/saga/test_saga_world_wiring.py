"""The saga explorer runs exactly what production wires: for each saga consumer, the same
events go to the same application handlers as in its push consumer declaration."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.wild_workouts.saga.saga_world import CONSUMERS
from wild_workouts import bootstrap

pytestmark = pytest.mark.unit

SAGA_CONSUMERS = [name for name in CONSUMERS if name in bootstrap.CONSUMERS_BY_NAME]


def test_every_saga_consumer_is_explored() -> None:
    assert sorted(SAGA_CONSUMERS) == [
        "trainer-on-trainings",
        "trainings-on-trainer",
        "trainings-on-users",
        "users-on-trainings",
    ]


@pytest.mark.parametrize("name", SAGA_CONSUMERS)
def test_the_explored_handlers_are_the_declared_ones(name: str) -> None:
    declared: dict[type[Any], Any] = {
        event_type: handler.__wrapped__  # type: ignore[attr-defined]
        for event_type, handler in bootstrap.CONSUMERS_BY_NAME[name].handlers().items()
    }
    assert declared == CONSUMERS[name][1]
