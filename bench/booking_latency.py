"""The booking's end-to-end time on the whole local stack (``ops.local_stack``: the emulators,
the monolith served as deployed, every consumer over real Pub/Sub push, the outbox sweeper and
the saga timeouts), at fixed offered loads, and what one booking costs in billed units.

For each load (bookings per second, open loop: ``bench.open_loop``) and each way of asking
(``plain``: the 202 at once; ``wait``: ``Prefer: wait=N``, the API answers 200 when the saga
settled within N s), every booking is by its own funded attendee on its own free hour (hours
opened through the API, balances written to the accounts as ``bench_events.fund_users`` does,
before any load). A booking's end-to-end time runs from when its ``POST /trainings`` was due to
the commit of its training's final state (``update_time`` of the ``trainings`` document once
``scheduled`` or ``rejected``). ``bench.booking_hops`` splits each into its hops; the
functions' process-group CPU time and the machine's utilisation are sampled per phase.

``python -m bench.booking_latency [--short] [--out DIR]`` writes ``booking.json`` and
``booking_latency.png``; ``run_booking_latency`` is what ``make bench`` calls.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

Progress = Callable[[str], None]
REPO_ROOT = Path(__file__).resolve().parents[1]
MODES = ("plain", "wait")
ORDERING_WHY = (
    "The Pub/Sub emulator keeps a delivery thread per ordering key and subscription: after 4,525 hours "
    "were opened (a key each, on two subscriptions) it ran 9,094 threads and the machine's load average "
    "passed 2,000. Every booking's messages carry keys of their own (its training, hour and attendee), "
    "so ordering serializes nothing across bookings: the bench provisions the same subscriptions "
    "without message ordering."
)
SERVER_THREADS_WHY = (
    "The local stack is one monolith process standing in for every Cloud Run instance: with the "
    "image's 8 threads, API requests waiting for their saga (Prefer: wait) hold every thread and the "
    "push deliveries that would settle those sagas queue behind them in the same process."
)


@dataclass(frozen=True)
class BookingSizes:
    loads: tuple[float, ...]  # offered bookings per second
    seconds_per_load: tuple[float, ...]  # how long each load is offered, per mode
    prefer_wait_seconds: int = 5  # Prefer: wait=N (the API caps N at 10)
    server_threads: int = 64  # gunicorn threads of the one local process (see SERVER_THREADS_WHY)
    cost_bookings: int = 30  # bookings of the in-process cost count
    warmup_bookings: int = 25  # at the first load, before any phase, not recorded
    settle_timeout_seconds: float = 300.0


FULL = BookingSizes(loads=(5.0, 20.0, 50.0), seconds_per_load=(40.0, 30.0, 15.0))
SHORT = BookingSizes(
    loads=(5.0,), seconds_per_load=(2.0,), cost_bookings=2, warmup_bookings=5, settle_timeout_seconds=90.0
)


def run_booking_latency(sizes: BookingSizes, log_dir: Path, progress: Progress = print) -> dict[str, Any]:
    """Every load × mode, the hops, and the per-booking costs (deferred and inline mark-sent)."""
    from bench.booking_costs import measure_booking_costs
    from bench.machine import load_average, machine_info
    from ops.demo.dev_tokens import dev_token_environment, remove_key_file
    from ops.local_stack.stack import LocalStack, StackSettings

    extra_env = {
        **dev_token_environment(),
        "TRAINER_MIN_UTC_HOUR": "0",
        "TRAINER_MAX_UTC_HOUR": "23",
        "TRAINER_MAX_WEEKS_AHEAD": "520",
        "THREADS": str(sizes.server_threads),
    }
    results: dict[str, Any] = {"machine": machine_info(), "sizes": asdict(sizes), "load_before": load_average()}
    stack = LocalStack(StackSettings(extra_env=extra_env, log_dir=log_dir / "stack"))
    stack.topology = without_ordering(stack.topology)
    try:
        with stack:
            results["phases"] = _measure_phases(stack, sizes, progress)
            assert stack.emulators is not None
            emulator_env = stack.emulators.environment()
            results["costs"] = {}
            for mark_sent in ("deferred", "inline"):
                progress(f"costs per booking, OUTBOX_MARK_SENT={mark_sent} ({sizes.cost_bookings} bookings)")
                results["costs"][mark_sent] = measure_booking_costs(
                    emulator_env, sizes.cost_bookings, mark_sent, log_dir
                )
    finally:
        remove_key_file()
    results["load_after"] = load_average()
    return results


def without_ordering(topology: Any) -> Any:
    """The topology with message ordering off on every subscription (see ``ORDERING_WHY``)."""
    return replace(topology, consumers=tuple(replace(consumer, ordering=False) for consumer in topology.consumers))


def _measure_phases(stack: Any, sizes: BookingSizes, progress: Progress) -> list[dict[str, Any]]:
    from google.cloud import firestore

    from bench.booking_hops import read_deliveries, read_outbox

    db = firestore.Client(project=stack.settings.project)
    plan = [
        (load, seconds, mode)
        for load, seconds in zip(sizes.loads, sizes.seconds_per_load, strict=True)
        for mode in MODES
    ]
    counts = [round(load * seconds) for load, seconds, _ in plan]
    warmup = sizes.warmup_bookings
    hours = _open_hours(stack, db, warmup + sum(counts), progress)
    tag = uuid.uuid4().hex[:6]
    users = [f"bk{tag}-{n}" for n in range(warmup + sum(counts))]
    _fund(db, users)
    _phase(stack, db, sizes.loads[0], "plain", users[:warmup], hours[:warmup], sizes)  # warm-up, not kept
    progress(f"booking: {warmup} warm-up bookings done")
    phases = []
    offset = warmup
    for (load, _, mode), count in zip(plan, counts, strict=True):
        phase = _phase(stack, db, load, mode, users[offset : offset + count], hours[offset : offset + count], sizes)
        offset += count
        phases.append(phase)
        progress(
            f"booking {mode} at {load:g}/s: {phase['bookings']} bookings, end to end p50 "
            f"{phase['end_to_end']['p50_ms']:.0f} ms, p99 {phase['end_to_end']['p99_ms']:.0f} ms"
        )
    progress("booking hops: reading the outbox and the functions' log")
    events, deliveries = read_outbox(db), read_deliveries(stack.log_dir / "functions.log")
    for phase in phases:
        _add_hops(phase, events, deliveries)
    for phase in phases:
        phase.pop("_bookings")
    return phases


def _open_hours(stack: Any, db: Any, count: int, progress: Progress) -> list[datetime]:
    """``count`` free hours from the day after tomorrow, opened through the API (100 a request, its limit),
    and the calendar read model caught up with them (so their events are not in the load)."""
    from ops.demo.api_client import ApiClient
    from ops.demo.dev_tokens import mint

    trainer = ApiClient(stack.functions_url, mint("bench-trainer", "trainer", "Bench Trainer"))
    first = (datetime.now(UTC) + timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    hours = [first + timedelta(hours=n) for n in range(count)]
    for start in range(0, count, 100):
        chunk = [_iso(hour) for hour in hours[start : start + 100]]
        answer = trainer.call("PUT", "/trainer/hours/available", {"hours": chunk})
        if answer.status != 204:
            raise RuntimeError(f"opening hours answered {answer.status}: {answer.body}")
    progress(f"booking: {count} hours opened; waiting for the calendar read model")
    deadline = time.monotonic() + 120 + count / 20
    while time.monotonic() < deadline:
        if int(db.collection("trainer_calendar").count().get()[0][0].value) >= count:
            break
        time.sleep(1.0)
    time.sleep(2.0)  # the last deliveries of the other subscription of the trainer topic
    return hours


def _fund(db: Any, users: list[str]) -> None:
    for start in range(0, len(users), 400):
        batch = db.batch()
        for user in users[start : start + 400]:
            batch.set(db.collection("users_accounts").document(user), {"user_id": user, "balance": 1})
        batch.commit()


def _phase(
    stack: Any, db: Any, load: float, mode: str, users: list[str], hours: list[datetime], sizes: BookingSizes
) -> dict[str, Any]:
    from bench.open_loop import run_open_loop
    from bench.process_group_sample import machine_busy_seconds, sample_group
    from ops.demo.dev_tokens import mint

    url = f"{stack.functions_url}/trainings"
    prefer = {"Prefer": f"wait={sizes.prefer_wait_seconds}"} if mode == "wait" else {}
    calls = []
    for user, hour in zip(users, hours, strict=True):
        headers = {"Authorization": f"Bearer {mint(user, 'attendee', user)}", "X-Correlation-Id": f"{user}-c", **prefer}
        calls.append(_booking_call(url, headers, {"hour": _iso(hour), "notes": "bench"}))
    cpu_before, machine_before = sample_group(stack.functions.pid, time.time()), machine_busy_seconds()
    longest_answer = sizes.prefer_wait_seconds + 5 if mode == "wait" else 5
    sent = run_open_loop(calls, load, max_in_flight=max(16, int(load * longest_answer)))
    finals = _wait_for_finals(
        db, [s.body.get("training_id") if isinstance(s.body, dict) else None for s in sent], sizes
    )
    cpu_after, machine_after = sample_group(stack.functions.pid, time.time()), machine_busy_seconds()
    bookings = []
    for s, user in zip(sent, users, strict=True):
        training_id = s.body.get("training_id") if isinstance(s.body, dict) else None
        final = finals.get(training_id) if training_id else None
        bookings.append(
            {
                "due_at": s.due_at,
                "send_lag_ms": (s.sent_at - s.due_at) * 1000,
                "answer_ms": (s.answered_at - s.due_at) * 1000,
                "status": s.status,
                "settled_in_answer": s.status == 200,
                "correlation_id": f"{user}-c",
                "training_id": training_id,
                "final_status": final[0] if final else None,
                "final_at": final[1] if final else None,
            }
        )
    return _phase_summary(
        load, mode, bookings, cpu_after.cpu_seconds - cpu_before.cpu_seconds, machine_before, machine_after
    )


def _booking_call(url: str, headers: dict[str, str], body: dict[str, str]) -> Callable[[Any], tuple[int, Any]]:
    def call(session: Any) -> tuple[int, Any]:
        response = session.post(url, json=body, headers=headers, timeout=60)
        return response.status_code, response.json() if response.content else None

    return call


def _wait_for_finals(db: Any, training_ids: list[str | None], sizes: BookingSizes) -> dict[str, tuple[str, float]]:
    """training id -> (final status, commit time of that state), polled once a second."""
    pending = {t for t in training_ids if t}
    finals: dict[str, tuple[str, float]] = {}
    deadline = time.monotonic() + sizes.settle_timeout_seconds
    while pending and time.monotonic() < deadline:
        refs = [db.collection("trainings").document(t) for t in pending]
        for start in range(0, len(refs), 300):
            for snapshot in db.get_all(refs[start : start + 300]):
                status = (snapshot.to_dict() or {}).get("status") if snapshot.exists else None
                if status in ("scheduled", "rejected"):
                    finals[snapshot.id] = (str(status), snapshot.update_time.timestamp())
        pending -= set(finals)
        if pending:
            time.sleep(1.0)
    return finals


def _phase_summary(
    load: float,
    mode: str,
    bookings: list[dict[str, Any]],
    functions_cpu_seconds: float,
    machine_before: tuple[float, float],
    machine_after: tuple[float, float],
) -> dict[str, Any]:
    from bench.percentiles import percentile

    done = [b for b in bookings if b["final_at"] is not None]
    end_to_end = [(b["final_at"] - b["due_at"]) * 1000 for b in done]
    answers = [b["answer_ms"] for b in bookings]
    first, last = min(b["due_at"] for b in bookings), max(b["due_at"] for b in bookings)
    busy, total = machine_after[0] - machine_before[0], machine_after[1] - machine_before[1]
    return {
        "offered_per_second": load,
        "mode": mode,
        "bookings": len(bookings),
        "final": len(done),
        "final_statuses": {s: sum(1 for b in done if b["final_status"] == s) for s in ("scheduled", "rejected")},
        "answer_statuses": {
            str(s): sum(1 for b in bookings if b["status"] == s) for s in sorted({b["status"] for b in bookings})
        },
        "settled_in_answer": sum(1 for b in bookings if b["settled_in_answer"]),
        "achieved_offered_per_second": (len(bookings) - 1) / (last - first) if last > first else float("nan"),
        "send_lag_p99_ms": percentile([b["send_lag_ms"] for b in bookings], 99),
        "end_to_end": _percentiles(end_to_end),
        "answer": _percentiles(answers),
        "end_to_end_ms": [round(v, 1) for v in end_to_end],
        "answer_ms": [round(v, 1) for v in answers],
        "functions_cpu_seconds_per_booking": functions_cpu_seconds / max(len(done), 1),
        "machine_cpu_busy": busy / total if total > 0 else float("nan"),
        "window": [first, max((b["final_at"] for b in done), default=last)],
        "_bookings": done,
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    from bench.percentiles import percentile

    return {f"p{rank}_ms": percentile(values, rank) for rank in (50, 95, 99)}


def _add_hops(phase: dict[str, Any], events: Any, deliveries: Any) -> None:
    from bench.booking_hops import critical_path, index_by_correlation, segment_summary, subscription_load

    events_of, deliveries_of = index_by_correlation(events, deliveries)
    paths = []
    for booking in phase["_bookings"]:
        cid = booking["correlation_id"]
        path = critical_path(
            booking["due_at"], booking["final_at"], cid, events_of.get(cid, []), deliveries_of.get(cid, [])
        )
        if path is not None:
            paths.append(path)
    phase["hops"] = segment_summary(paths)
    start, end = phase["window"]
    phase["subscriptions"] = subscription_load(deliveries, start, end)


def _iso(hour: datetime) -> str:
    return hour.strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv: list[str] | None = None) -> int:
    from bench.extra_sections import section_command

    return section_command("booking_latency", argv)


if __name__ == "__main__":
    sys.exit(main())
