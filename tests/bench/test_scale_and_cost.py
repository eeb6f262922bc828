"""docs/scale-and-cost.md's cost table is the one ``bench.cost_model`` computes from the committed
booking run (bench/results/booking.json): a changed price, a new run or an edit by hand that is
not regenerated (`python -m bench.cost_model`) fails here. Read-only: nothing is written."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from bench.cost_model import (
    BOOKINGS,
    DOC,
    FIRESTORE_WRITE,
    PUBSUB_THROUGHPUT,
    RESULTS,
    cost_rows,
    cost_table,
    table_in,
)

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    results: dict[str, Any] = json.loads(RESULTS.read_text())
    return results


def test_the_doc_carries_the_table_computed_from_the_committed_run(committed: dict[str, Any]) -> None:
    assert table_in(DOC.read_text()) == cost_table(committed)


def test_each_line_is_units_times_price_per_million_bookings(committed: dict[str, Any]) -> None:
    rows = {label: (units, price, usd) for label, units, price, usd in cost_rows(committed)}
    units, price, usd = rows["Firestore document writes"]
    assert price is FIRESTORE_WRITE
    assert units == committed["costs"]["deferred"]["firestore"]["documents_written"]
    assert usd == pytest.approx(units * FIRESTORE_WRITE.usd * BOOKINGS)


def test_more_writes_per_booking_cost_more(committed: dict[str, Any]) -> None:
    heavier = copy.deepcopy(committed)
    heavier["costs"]["deferred"]["firestore"]["documents_written"] += 1
    assert cost_table(heavier) != cost_table(committed)
    before = {label: usd for label, _, _, usd in cost_rows(committed)}
    after = {label: usd for label, _, _, usd in cost_rows(heavier)}
    assert after["Firestore document writes"] - before["Firestore document writes"] == pytest.approx(1.80)


def test_pubsub_bills_at_least_a_kilobyte_per_publish_and_per_delivery(committed: dict[str, Any]) -> None:
    pubsub = committed["costs"]["deferred"]["pubsub"]
    billed = pubsub["billed_publish_bytes"] + pubsub["billed_delivery_bytes"]
    assert billed >= 1000 * (pubsub["messages_published"] + pubsub["billed_deliveries"])
    rows = {label: (units, price) for label, units, price, _ in cost_rows(committed)}
    assert rows["Pub/Sub throughput (bytes billed)"] == (billed, PUBSUB_THROUGHPUT)


def test_every_price_names_its_source() -> None:
    import bench.cost_model as model

    prices = [value for value in vars(model).values() if isinstance(value, model.Price)]
    assert len(prices) >= 9
    assert all(price.source.startswith("https://") for price in prices)
    assert Path(DOC).read_text().count("unconfirmed") >= 1
