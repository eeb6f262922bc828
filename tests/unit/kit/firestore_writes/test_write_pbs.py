"""The kit's directly built ``Write`` protobufs are exactly the client library's: for every kind
of value and of write it builds, the protobuf equals what ``batch.create / set / update``
(with an update-time precondition) build; for what it does not build it answers None (the
library then builds the write). An upgrade of the library that changes its writes fails here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from google.api_core.datetime_helpers import DatetimeWithNanoseconds
from google.cloud import firestore
from google.cloud.firestore_v1 import DELETE_FIELD, SERVER_TIMESTAMP, GeoPoint, Increment

from pipeline_kit.firestore_writes.write_pbs import add_create, add_set, add_update, create_pb, set_pb, update_pb

pytestmark = pytest.mark.unit

STAMP = DatetimeWithNanoseconds(2030, 1, 2, 3, 4, 5, tzinfo=UTC, nanosecond=123456789)  # type: ignore[no-untyped-call]
VALUES: dict[str, Any] = {
    "text": "héllo",
    "empty_text": "",
    "yes": True,
    "no": False,
    "count": 42,
    "negative": -(2**63),
    "ratio": 0.25,
    "nothing": None,
    "raw": b"\x00\xff",
    "aware": datetime(2030, 1, 1, 12, 0, 0, 654321, tzinfo=UTC),
    "other_zone": datetime(2030, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=-5))),
    "naive": datetime(2030, 1, 1, 12, 0),
    "before_1970": datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC),
    "nested": {"a": {"b": [1, "two", {"c": None}]}, "empty": {}, "odd key.with dots": 1},
    "items": [1, 2.5, "x", [True], ()],
    "pair": ("a", 1),
}


@pytest.fixture(scope="module")
def client() -> Any:
    return firestore.Client(project="write-pbs", credentials=_anonymous())


def _anonymous() -> Any:
    from google.auth.credentials import AnonymousCredentials

    return AnonymousCredentials()  # type: ignore[no-untyped-call]


def _library(client: Any, method: str, data: dict[str, Any], **kwargs: Any) -> Any:
    batch = client.batch()
    getattr(batch, method)(client.collection("c").document("d"), data, **kwargs)
    [pb] = batch._write_pbs
    return pb._pb


def test_a_create_is_the_library_s(client: Any) -> None:
    ref = client.collection("c").document("d")
    assert create_pb(ref._document_path, VALUES) == _library(client, "create", VALUES)


def test_a_set_is_the_library_s(client: Any) -> None:
    ref = client.collection("c").document("d")
    assert set_pb(ref._document_path, VALUES) == _library(client, "set", VALUES)


def test_an_update_with_deleted_fields_and_a_read_time_is_the_library_s(client: Any) -> None:
    ref = client.collection("c").document("d")
    data = {**{k: v for k, v in VALUES.items() if k != "nested"}, "gone": DELETE_FIELD, "also_gone": DELETE_FIELD}
    option = client.write_option(last_update_time=STAMP)
    built = update_pb(ref._document_path, data, STAMP)
    assert built == _library(client, "update", data, option=option)
    assert built.current_document.update_time.nanos == 123456000  # the library's precision
    assert update_pb(ref._document_path, {"sent": True}) == _library(client, "update", {"sent": True})


@pytest.mark.parametrize(
    "data",
    [
        {"at": SERVER_TIMESTAMP},
        {"n": Increment(1)},
        {"where": GeoPoint(1.0, 2.0)},
        {"deep": {"at": SERVER_TIMESTAMP}},
        {"tags": {"a", "b"}},
        {"read_back": STAMP},
        {"number": 2**64},
    ],
    ids=["server timestamp", "increment", "geo point", "nested transform", "set", "nanoseconds", "too large an int"],
)
def test_what_it_does_not_build_is_left_to_the_library(client: Any, data: dict[str, Any]) -> None:
    ref = client.collection("c").document("d")
    path = ref._document_path
    if data != {"number": 2**64}:
        assert create_pb(path, data) is None and set_pb(path, data) is None and update_pb(path, data) is None
    batch = client.batch()
    try:
        add_create(batch, ref, data)
        library = client.batch()
        library.create(ref, data)
    except (ValueError, OverflowError):
        with pytest.raises((ValueError, OverflowError)):
            client.batch().create(ref, data)
        return
    assert [pb._pb for pb in batch._write_pbs] == [pb._pb for pb in library._write_pbs]


def test_an_update_of_a_dotted_or_empty_field_name_is_left_to_the_library(client: Any) -> None:
    ref = client.collection("c").document("d")
    assert update_pb(ref._document_path, {"a.b": 1}) is None
    assert update_pb(ref._document_path, {}) is None
    batch = client.batch()
    add_update(batch, ref, {"a.b": 1})
    assert [pb._pb for pb in batch._write_pbs] == [_library(client, "update", {"a.b": 1})]


def test_the_batch_helpers_add_the_library_s_writes(client: Any) -> None:
    ref = client.collection("c").document("d")
    option = client.write_option(last_update_time=STAMP)
    ours, library = client.batch(), client.batch()
    add_create(ours, ref, {"a": 1})
    add_set(ours, ref, {"b": "x"})
    add_update(ours, ref, {"c": None, "d": DELETE_FIELD}, option, STAMP)
    library.create(ref, {"a": 1})
    library.set(ref, {"b": "x"})
    library.update(ref, {"c": None, "d": DELETE_FIELD}, option=option)
    assert [getattr(pb, "_pb", pb) for pb in ours._write_pbs] == [pb._pb for pb in library._write_pbs]


class _StandIn:
    """A test client's batch without ``_add_write_pbs``: its own methods are called."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def create(self, ref: Any, data: Any) -> None:
        self.calls.append(("create", data))

    def set(self, ref: Any, data: Any) -> None:
        self.calls.append(("set", data))

    def update(self, ref: Any, data: Any, option: Any = None) -> None:
        self.calls.append(("update", data))


def test_a_stand_in_batch_gets_its_own_methods_called(client: Any) -> None:
    batch, ref = _StandIn(), client.collection("c").document("d")
    add_create(batch, ref, {"a": 1})
    add_set(batch, ref, {"b": 2})
    add_update(batch, ref, {"c": 3})
    assert batch.calls == [("create", {"a": 1}), ("set", {"b": 2}), ("update", {"c": 3})]
