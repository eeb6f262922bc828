"""The published language: shape of every event, aggregate ids, JSON round trip."""

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import UTC, datetime

import pytest
from pydantic import TypeAdapter

from pipeline_kit.events.event_envelope import EventEnvelope
from wild_workouts.bootstrap import event_registry
from wild_workouts.contracts.event_upcasters import UPCASTERS
from wild_workouts.contracts.trainer_events import (
    TRAINER_EVENT_TYPES,
    HourMadeAvailable,
    HourMadeUnavailable,
    HourReleased,
    HourReservationRejected,
    HourReserved,
)
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
    version = event_type.version  # type: ignore[attr-defined]
    upcast_from = {from_version for name, from_version, _ in UPCASTERS if name == event_type.event_type}  # type: ignore[attr-defined]
    assert upcast_from == set(range(1, version)), "every older version needs an upcaster to the next"
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
    assert HourReserved(HOUR, "t1", 1).aggregate_id == "2026-12-01T13:00:00Z"
    assert TrainingCanceled("t1", HOUR, "alice", 1, "attendee").aggregate_id == "t1"
    assert TrainingBalanceDebited("alice", "t1", 0).aggregate_id == "alice"


def _v1(event_type: str, payload: Mapping[str, object]) -> EventEnvelope:
    return EventEnvelope("e1", event_type, 1, HOUR, "c1", "c1", "agg", payload)


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("hour 2026-12-01T13:00:00Z is not_available; only an available hour can be reserved", "hour_not_available"),
        (
            "hour 2026-12-01T13:00:00Z is training_scheduled; only an available hour can be reserved",
            "hour_not_available",
        ),
        ("hour 2026-12-01T13:00:00Z is not in the future (current hour 2026-12-01T14:00:00Z)", "hour_in_past"),
        ("training t1 is already closed (rejected or canceled)", "training_closed"),
        ("something new", "unknown"),
    ],
)
def test_a_version_1_reservation_rejection_is_upcast_with_the_code_of_its_reason(reason: str, code: str) -> None:
    payload = {"hour": "2026-12-01T13:00:00Z", "training_id": "t1", "reason": reason}
    decoded = event_registry().decode(_v1("HourReservationRejected", payload))
    assert decoded == HourReservationRejected(HOUR, "t1", reason, code)


def test_version_1_balance_and_training_rejections_are_upcast() -> None:
    debit = {
        "user_id": "alice",
        "training_id": "t1",
        "reason": "training balance is 0; booking a training needs at least 1",
    }
    assert event_registry().decode(_v1("TrainingBalanceDebitRejected", debit)).reason_code == "insufficient_balance"
    rejected = {
        "training_id": "t1",
        "hour": "2026-12-01T13:00:00Z",
        "user_id": "alice",
        "reason": "training balance could not pay",
    }
    assert event_registry().decode(_v1("TrainingRejected", rejected)).reason_code == "insufficient_balance"
    failed = {"training_id": "t1", "new_hour": "2026-12-01T13:00:00Z", "reason": "hour x is not_available"}
    assert event_registry().decode(_v1("TrainingRescheduleFailed", failed)).reason_code == "hour_not_available"


def test_version_1_hour_events_are_upcast_with_no_version_known() -> None:
    hour = {"hour": "2026-12-01T13:00:00Z"}
    held = {**hour, "training_id": "t1"}
    assert event_registry().decode(_v1("HourMadeAvailable", hour)) == HourMadeAvailable(HOUR, 0)
    assert event_registry().decode(_v1("HourMadeUnavailable", hour)) == HourMadeUnavailable(HOUR, 0)
    assert event_registry().decode(_v1("HourReserved", held)) == HourReserved(HOUR, "t1", 0)
    assert event_registry().decode(_v1("HourReleased", held)) == HourReleased(HOUR, "t1", 0)
