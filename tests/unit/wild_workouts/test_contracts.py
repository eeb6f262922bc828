"""The published language: shape of every event, aggregate ids, JSON round trip."""

import dataclasses
import types
import typing
from datetime import UTC, datetime

import pytest
from pydantic import TypeAdapter

from wild_workouts.contracts.trainer_events import TRAINER_EVENT_TYPES, HourReserved
from wild_workouts.contracts.trainings_events import TRAININGS_EVENT_TYPES, TrainingCanceled
from wild_workouts.contracts.users_events import USERS_EVENT_TYPES, TrainingBalanceDebited

pytestmark = pytest.mark.unit

ALL = (*TRAINER_EVENT_TYPES, *TRAININGS_EVENT_TYPES, *USERS_EVENT_TYPES)
ALLOWED = {str, int, bool, datetime}
HOUR = datetime(2026, 12, 1, 13, tzinfo=UTC)
SAMPLES = {str: "x", int: 1, bool: True, datetime: HOUR}


def _field_types(event_type: type) -> dict[str, object]:
    return typing.get_type_hints(event_type)


def _sample(event_type: type) -> object:
    values = {}
    for field in dataclasses.fields(event_type):
        hint = _field_types(event_type)[field.name]
        base = (
            next(arg for arg in typing.get_args(hint) if arg is not type(None))
            if isinstance(hint, types.UnionType)
            else hint
        )
        values[field.name] = SAMPLES[base]  # type: ignore[index]
    return event_type(**values)


def test_the_published_event_types_are_the_topology_names() -> None:
    assert [event.event_type for event in TRAINER_EVENT_TYPES] == [
        "HourMadeAvailable",
        "HourMadeUnavailable",
        "HourReserved",
        "HourReservationRejected",
        "HourReleased",
    ]
    assert len(TRAININGS_EVENT_TYPES) == 9
    assert [event.event_type for event in USERS_EVENT_TYPES] == [
        "TrainingsGranted",
        "TrainingBalanceDebited",
        "TrainingBalanceDebitRejected",
        "TrainingBalanceCredited",
    ]


@pytest.mark.parametrize("event_type", ALL, ids=lambda event: event.__name__)
def test_event_shape(event_type: type) -> None:
    assert event_type.event_type == event_type.__name__  # type: ignore[attr-defined]
    assert event_type.version == 1  # type: ignore[attr-defined]
    params = event_type.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen
    assert hasattr(event_type, "__slots__")
    for name, hint in _field_types(event_type).items():
        if typing.get_origin(hint) is typing.ClassVar:
            continue
        allowed = set(typing.get_args(hint)) - {type(None)} if isinstance(hint, types.UnionType) else {hint}
        assert allowed <= ALLOWED, f"{event_type.__name__}.{name}: {hint}"


@pytest.mark.parametrize("event_type", ALL, ids=lambda event: event.__name__)
def test_json_round_trip(event_type: type) -> None:
    event = _sample(event_type)
    adapter: TypeAdapter[object] = TypeAdapter(event_type)
    document = adapter.dump_python(event, mode="json")
    assert "event_type" not in document
    assert adapter.validate_python(document) == event


def test_aggregate_ids() -> None:
    assert HourReserved(HOUR, "t1").aggregate_id == "2026-12-01T13:00:00Z"
    assert TrainingCanceled("t1", HOUR, "alice", 1, "attendee").aggregate_id == "t1"
    assert TrainingBalanceDebited("alice", "t1", 0).aggregate_id == "alice"
