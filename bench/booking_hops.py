"""Where a booking's time goes, hop by hop, from what the stack records anyway (nothing is
added to the request path to measure it):

- the outbox record of every event (``created_at``: committed; ``sent_at``: handed to the
  marker just after its publish returned), read from Firestore after the run;
- the one log line per delivered message (``outcome_logging``: ``time`` when the consumer
  answered, ``duration_ms`` how long it took, the consumer, the event id and the booking's
  correlation id), read from the functions' log file;
- the training document's commit time (``update_time``) in its final state.

A booking's saga is: ``POST /trainings`` commits ``TrainingScheduleRequested`` (published
before the answer) → push to ``trainer-on-trainings`` and ``users-on-trainings`` (in parallel,
one subscription each) → each publishes its answer → push to ``trainings-on-trainer`` /
``trainings-on-users`` → the later answer commits the final state. The critical path goes
through the later answer, and it telescopes exactly into five segments:

``api`` (due → request event published) + ``push_wait_1`` (published → push arrival at the
first-hop consumer) + ``service_1`` (arrival → its answer published) + ``push_wait_2``
(answer published → push arrival at the second-hop consumer) + ``service_2`` (arrival →
final state committed) = end to end.

``push_wait`` is where Pub/Sub's delivery lives: the emulator's delivery loop latency and the
queue in front of its two delivery slots per subscription. ``service`` is the consumer's own
time (the kit and Firestore). Per subscription, ``busy_slots`` = Σ service time / phase length:
the mean number of deliveries in flight, against the emulator's fixed 2.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.percentiles import percentile

FIRST_HOP = {"TrainingScheduleRequested": ("trainer-on-trainings", "users-on-trainings")}
SECOND_HOP = ("trainings-on-trainer", "trainings-on-users")
SEGMENTS = ("api", "push_wait_1", "service_1", "push_wait_2", "service_2")


@dataclass(frozen=True)
class Delivery:
    consumer: str
    event_id: str
    correlation_id: str
    arrived_at: float
    answered_at: float
    outcome: str

    @property
    def service_seconds(self) -> float:
        return self.answered_at - self.arrived_at


@dataclass(frozen=True)
class OutboxEvent:
    event_id: str
    event_type: str
    correlation_id: str
    causation_id: str
    created_at: float
    sent_at: float | None


def read_deliveries(log_file: Path) -> list[Delivery]:
    """Every delivery the functions logged (one ``outcome_logging`` line per message)."""
    deliveries = []
    for line in log_file.read_text(errors="replace").splitlines():
        if not line.startswith("{") or '"duration_ms"' not in line:
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        labels = record.get("logging.googleapis.com/labels") or {}
        if "consumer" not in labels or "duration_ms" not in record:
            continue
        answered = _epoch(record["time"])
        deliveries.append(
            Delivery(
                consumer=str(labels["consumer"]),
                event_id=str(labels.get("event_id")),
                correlation_id=str(labels.get("correlation_id")),
                arrived_at=answered - float(record["duration_ms"]) / 1000,
                answered_at=answered,
                outcome=str(record.get("outcome")),
            )
        )
    return deliveries


def read_outbox(db: Any) -> dict[str, OutboxEvent]:
    events = {}
    for snapshot in db.collection("outbox").stream():
        record = snapshot.to_dict() or {}
        sent_at = record.get("sent_at")
        events[snapshot.id] = OutboxEvent(
            event_id=snapshot.id,
            event_type=str(record.get("event_type")),
            correlation_id=str(record.get("correlation_id")),
            causation_id=str(record.get("causation_id")),
            created_at=record["created_at"].timestamp(),
            sent_at=sent_at.timestamp() if sent_at is not None else None,
        )
    return events


def critical_path(
    due_at: float,
    final_at: float,
    correlation_id: str,
    events: Iterable[OutboxEvent],
    deliveries: Iterable[Delivery],
) -> dict[str, float] | None:
    """The five segments (seconds) of one booking, or None when a record is missing."""
    mine = [event for event in events if event.correlation_id == correlation_id]
    by_id = {event.event_id: event for event in mine}
    handled = [d for d in deliveries if d.correlation_id == correlation_id and d.outcome == "handled"]
    request = next((e for e in mine if e.event_type == "TrainingScheduleRequested"), None)
    second = [d for d in handled if d.consumer in SECOND_HOP and d.event_id in by_id]
    if request is None or request.sent_at is None or not second:
        return None
    last = max(second, key=lambda d: d.answered_at)
    answer = by_id[last.event_id]
    first_consumer = "trainer-on-trainings" if last.consumer == "trainings-on-trainer" else "users-on-trainings"
    first = next((d for d in handled if d.consumer == first_consumer and d.event_id == request.event_id), None)
    if first is None or answer.sent_at is None:
        return None
    return {
        "api": request.sent_at - due_at,
        "push_wait_1": first.arrived_at - request.sent_at,
        "service_1": answer.sent_at - first.arrived_at,
        "push_wait_2": last.arrived_at - answer.sent_at,
        "service_2": final_at - last.arrived_at,
    }


def segment_summary(paths: list[dict[str, float]]) -> dict[str, Any]:
    """p50/p95 of each segment (ms) and the share of the end-to-end time spent in push waits."""
    summary: dict[str, Any] = {"bookings": len(paths)}
    for segment in SEGMENTS:
        values = [path[segment] * 1000 for path in paths]
        summary[segment] = {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95)}
    total = sum(sum(path.values()) for path in paths)
    waits = sum(path["push_wait_1"] + path["push_wait_2"] for path in paths)
    summary["push_wait_share"] = waits / total if total > 0 else float("nan")
    return summary


def subscription_load(deliveries: Iterable[Delivery], start: float, end: float) -> dict[str, dict[str, float]]:
    """Per consumer, over [start, end): deliveries handled, the mean number in flight
    (Σ service / length: the busy delivery slots) and the most ever in flight at once."""
    per: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in deliveries:
        if start <= delivery.arrived_at < end:
            per[delivery.consumer].append(delivery)
    length = max(end - start, 1e-9)
    result = {}
    for consumer, items in sorted(per.items()):
        edges = sorted([(d.arrived_at, 1) for d in items] + [(d.answered_at, -1) for d in items])
        in_flight = peak = 0
        for _, change in edges:
            in_flight += change
            peak = max(peak, in_flight)
        service = [d.service_seconds * 1000 for d in items]
        result[consumer] = {
            "deliveries": len(items),
            "busy_slots": sum(d.service_seconds for d in items) / length,
            "peak_in_flight": peak,
            "service_p50_ms": percentile(service, 50),
        }
    return result


def _epoch(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def index_by_correlation(
    events: Mapping[str, OutboxEvent], deliveries: list[Delivery]
) -> tuple[dict[str, list[OutboxEvent]], dict[str, list[Delivery]]]:
    """Events and deliveries grouped by correlation id (one booking each), for ``critical_path``."""
    events_of: dict[str, list[OutboxEvent]] = defaultdict(list)
    deliveries_of: dict[str, list[Delivery]] = defaultdict(list)
    for event in events.values():
        events_of[event.correlation_id].append(event)
    for delivery in deliveries:
        deliveries_of[delivery.correlation_id].append(delivery)
    return events_of, deliveries_of
