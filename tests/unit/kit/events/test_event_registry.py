"""The registry: strict payload validation, upcasting, unknown types and versions, both codecs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

import pydantic
import pytest

from pipeline_kit.events.event_envelope import EventEnvelope
from pipeline_kit.events.event_registry import (
    EventRegistry,
    InvalidEventPayload,
    UnknownEventType,
    UnsupportedEventVersion,
)

pytestmark = pytest.mark.unit


@dataclass(frozen=True, slots=True)
class SeatBooked:
    event_type: ClassVar[str] = "SeatBooked"
    version: ClassVar[int] = 2

    seat_id: str
    at: datetime
    count: int
    vip: bool = False
    note: str | None = None

    @property
    def aggregate_id(self) -> str:
        return self.seat_id


class SeatReleased(pydantic.BaseModel):
    event_type: ClassVar[str] = "SeatReleased"
    version: ClassVar[int] = 1

    seat_id: str

    @property
    def aggregate_id(self) -> str:
        return self.seat_id


def _envelope(event_type: str, version: int, payload: dict[str, Any]) -> EventEnvelope:
    return EventEnvelope("e-1", event_type, version, datetime.now(UTC), "c-1", "r-1", "a-1", payload)


@pytest.fixture
def registry() -> EventRegistry:
    registry = EventRegistry([SeatBooked, SeatReleased])
    registry.register_upcaster("SeatBooked", 1, lambda old: {**old, "count": old.get("seats", 1)} | {"seats": None})
    return registry


def _good(**changes: Any) -> dict[str, Any]:
    return {"seat_id": "s-1", "at": "2026-12-01T13:00:00Z", "count": 2, **changes}


def test_round_trip_through_json_normalises_time_to_utc(registry: EventRegistry) -> None:
    event = SeatBooked("s-1", datetime(2026, 12, 1, 14, tzinfo=UTC), 2, True, "window")
    event_type, version, document = registry.encode_payload(event)
    assert (event_type, version) == ("SeatBooked", 2)
    assert document["at"] == "2026-12-01T14:00:00Z"
    assert registry.decode(_envelope(event_type, version, document)) == event
    offset = registry.decode(_envelope("SeatBooked", 2, _good(at="2026-12-01T15:00:00+01:00")))
    assert offset.at == datetime(2026, 12, 1, 14, tzinfo=UTC)


@pytest.mark.parametrize(
    ("payload", "complaint"),
    [
        (_good(count="2"), "'count' must be an integer"),
        (_good(count=True), "'count' must be an integer"),
        (_good(vip="yes"), "'vip' must be true or false"),
        (_good(at="yesterday"), "'at' must be an ISO 8601 timestamp"),
        (_good(at="2026-12-01T13:00:00"), "'at' must carry a time zone"),
        (_good(note=3), "'note' must be a string"),
        (_good(extra=1), "unknown field"),
        ({"seat_id": "s-1", "count": 1}, "'at' is required"),
    ],
)
def test_invalid_payloads_are_refused_with_the_field_named(
    registry: EventRegistry, payload: dict[str, Any], complaint: str
) -> None:
    with pytest.raises(InvalidEventPayload, match=complaint):
        registry.decode(_envelope("SeatBooked", 2, payload))


def test_old_versions_are_upcast_newer_ones_refused(registry: EventRegistry) -> None:
    old = {"seat_id": "s-1", "at": "2026-12-01T13:00:00Z", "seats": 3}
    with pytest.raises(InvalidEventPayload):  # the upcaster leaves "seats": None behind: still strict
        registry.decode(_envelope("SeatBooked", 1, old))
    registry.register_upcaster(
        "SeatBooked", 1, lambda old: {"seat_id": old["seat_id"], "at": old["at"], "count": old["seats"]}
    )
    assert registry.decode(_envelope("SeatBooked", 1, old)).count == 3
    with pytest.raises(UnsupportedEventVersion):
        registry.decode(_envelope("SeatBooked", 3, _good()))
    with pytest.raises(UnknownEventType):
        registry.decode(_envelope("SeatSold", 1, {}))


def test_pydantic_payload_models_are_supported(registry: EventRegistry) -> None:
    event_type, version, document = registry.encode_payload(SeatReleased(seat_id="s-9"))
    assert (event_type, version, document) == ("SeatReleased", 1, {"seat_id": "s-9"})
    assert registry.decode(_envelope("SeatReleased", 1, document)) == SeatReleased(seat_id="s-9")
    with pytest.raises(InvalidEventPayload):
        registry.decode(_envelope("SeatReleased", 1, {"seat_id": 5, "x": 1}))
