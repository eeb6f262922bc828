"""One fault run: the Wild Workouts flows through the real emulators under every injected fault.

Faults: duplicate deliveries (``DuplicateInjector``), SIGKILL of the functions process
(``ProcessKiller``), aborted commits and publish failures after commit (the fault app, see
``fault_app/fault_injection.py``), lost answers (a saga consumer that never answers for chosen
trainings, ``fault_app/lost_answers.py``: the saga deadline rejects them as ``timed_out``),
poison messages (``poison_messages``). Checks, once the pipeline is quiet: every stored
training (every accepted command, and any a dropped connection hid) is final, none left
pending, every timed-out one compensated (``saga_figures``); the invariants of domain.md hold
(so no debit, credit or hour change was applied twice); every outbox record was sent; every
poison message sits in the dead-letter subscription of each consumer that must park it, with
its reason; nothing else is dead-lettered. Problems are returned in the report, not raised, so the counts print.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ops.demo.dev_tokens import dev_token_environment
from ops.demo.invariants import FINAL_STATES, invariant_violations
from ops.demo.waiting import wait_for
from ops.local_stack.local_paths import new_log_dir
from ops.local_stack.stack import LocalStack, StackSettings
from tests.faults.dead_letters import DeadLetter, pull_all_dead_letters
from tests.faults.duplicate_injector import DuplicateInjector
from tests.faults.fault_app.fault_ledger import count_faults
from tests.faults.fault_report import FaultReport
from tests.faults.poison_messages import (
    EXPECTED_ERROR_CLASS,
    KINDS,
    PoisonMessage,
    expected_dead_letters,
    poison_message,
    publish_poison,
)
from tests.faults.process_killer import ProcessKiller
from tests.faults.push_outcomes import push_outcomes
from tests.faults.saga_figures import saga_figures
from tests.faults.workload import Workload, WorkloadPlan

FAULT_APP = Path("tests") / "faults" / "fault_app" / "fault_main.py"


@dataclass(frozen=True)
class FaultPlan:
    workload: WorkloadPlan = field(default_factory=WorkloadPlan)
    waves: int = 1  # the workload again with new attendees and hours, once the previous wave is final
    duplicate_rate: float = 0.2
    abort_rate: float = 0.05
    publish_failure_rate: float = 0.05
    lost_answer_rate: float = 0.2  # trainings one saga consumer never answers
    saga_timeout_seconds: float = 20.0  # the bookings' saga deadline (the API's SAGA_TIMEOUT_SECONDS)
    poison_messages: int = 4
    kill_interval_seconds: float = 6.0
    min_kills: int = 3
    settle_timeout_seconds: float = 120.0
    seed: int = 7


def run_faults(plan: FaultPlan) -> FaultReport:
    started = time.monotonic()
    log_dir = new_log_dir("faults")
    env = {
        **dev_token_environment(),
        "FAULT_LEDGER": str(log_dir / "fault-ledger.txt"),
        "FAULT_SEED": str(plan.seed),
        "FAULT_ABORT_RATE": str(plan.abort_rate),
        "FAULT_PUBLISH_RATE": str(plan.publish_failure_rate),
        "FAULT_LOST_ANSWER_RATE": str(plan.lost_answer_rate),
    }
    settings = StackSettings(
        extra_env=env,
        log_dir=log_dir,
        functions_source=FAULT_APP,
        sweep_interval_seconds=2.0,
        sweep_older_than_seconds=5.0,
        saga_timeouts_interval_seconds=2.0,
        saga_timeout_seconds=plan.saga_timeout_seconds,
    )
    with LocalStack(settings) as stack:
        report = _drive(stack, plan)
    report.seconds = round(time.monotonic() - started, 1)
    return report


def _drive(stack: LocalStack, plan: FaultPlan) -> FaultReport:
    from google.cloud import firestore

    project = stack.settings.project
    client = firestore.Client(project=project)
    report = FaultReport()
    topics = sorted(set(stack.topology.topics.values()))
    run_id = uuid.uuid4().hex[:6]
    workloads = [
        Workload(stack.functions_url, plan.workload, f"{run_id}w{wave}", 2 + wave * plan.workload.days_per_wave)
        for wave in range(plan.waves)
    ]
    workload = workloads[0]
    poison = [
        poison_message(KINDS[i % len(KINDS)], topics[i % len(topics)], stack.topology)
        for i in range(plan.poison_messages)
    ]
    injector = DuplicateInjector(project, topics, plan.duplicate_rate, plan.seed).start()
    killer = ProcessKiller(stack, plan.kill_interval_seconds).start()
    try:
        for wave, workload in enumerate(workloads):
            workload.set_up()
            share = poison[wave * len(poison) // plan.waves : (wave + 1) * len(poison) // plan.waves]
            for message in share[: len(share) // 2]:
                publish_poison(project, message)
            workload.book()
            for message in share[len(share) // 2 :]:
                publish_poison(project, message)
            wait_for(lambda: _all_final(client), timeout=plan.settle_timeout_seconds, interval=1.0)
            workload.cancel([tid for tid, t in _trainings(client).items() if t.get("status") == "scheduled"])
        wait_for(lambda: killer.kills >= plan.min_kills, timeout=plan.kill_interval_seconds * (plan.min_kills + 1))
    finally:
        killer.stop()
    granted = {user: amount for w in workloads for user, amount in w.granted.items()}
    try:
        _settle(client, granted, stack.log_dir, plan.settle_timeout_seconds)
    finally:
        injector.stop()
    _settle(client, granted, stack.log_dir, plan.settle_timeout_seconds)
    report.problems += invariant_violations(client, granted)
    report.problems += _unsent_outbox(client)
    stored = _trainings(client)
    report.problems += [
        f"accepted training {t} is not stored" for w in workloads for t in w.accepted if t not in stored
    ]
    dead = pull_all_dead_letters(project, stack.topology)
    report.problems += _dead_letter_problems(dead, poison, stack, processes_killed=killer.kills > 0)
    report.problems += _emulator_failures(stack.log_dir)
    sagas = saga_figures(client, str(plan.seed), plan.lost_answer_rate, stack.log_dir)
    report.problems += sagas.problems
    _count(report, client, workloads, injector, killer, poison, dead, stack.log_dir)
    report.lost_answers_injected = sagas.lost_answers
    report.sagas_timed_out = sagas.timed_out
    report.sagas_timed_out_slow = sagas.timed_out_without_loss
    report.sagas_compensated = sagas.compensated
    report.sagas_left_pending = sagas.left_pending
    return report


def _trainings(client: Any) -> dict[str, dict[str, Any]]:
    return {s.id: s.to_dict() or {} for s in client.collection("trainings").stream()}


def _all_final(client: Any) -> bool:
    return all(t.get("status") in FINAL_STATES for t in _trainings(client).values())


def _unsent_outbox(client: Any) -> list[str]:
    from google.cloud.firestore_v1.base_query import FieldFilter

    unsent = list(client.collection("outbox").where(filter=FieldFilter("sent", "==", False)).stream())
    return [f"outbox record {s.id} ({(s.to_dict() or {}).get('type')}) was never sent" for s in unsent]


def _emulator_failures(log_dir: Path) -> list[str]:
    """The emulator's known failure: a message at max delivery attempts on an ordered subscription."""
    log = log_dir / "pubsub-emulator.log"
    count = log.read_text(errors="replace").count("NullPointerException") if log.exists() else 0
    return [f"the Pub/Sub emulator logged {count} NullPointerException(s): a message ran out of attempts"] * bool(count)


def _settle(client: Any, granted: dict[str, int], log_dir: Path, timeout: float) -> None:
    """Wait until the invariants hold, the outbox is sent and no push request was served for 4 s."""
    last: list[int] = [-1]
    stable_since = [time.monotonic()]

    def quiet() -> bool:
        served = sum(push_outcomes(log_dir).values())
        if served != last[0]:
            last[0], stable_since[0] = served, time.monotonic()
        if time.monotonic() - stable_since[0] < 4.0:
            return False
        return not invariant_violations(client, granted) and not _unsent_outbox(client)

    wait_for(quiet, timeout=timeout, interval=1.0)


def _dead_letter_problems(
    dead: list[DeadLetter], poison: list[PoisonMessage], stack: LocalStack, *, processes_killed: bool
) -> list[str]:
    """Every poison message parked by every consumer that must park it, with its reason; nothing else.

    Parking is at-least-once: a process killed after publishing the parked copy and before its
    204 reached Pub/Sub parks the redelivery again. Extra copies are allowed only when processes
    were killed (the run counts them); without kills the copies must match exactly.
    """
    kinds = {p.poison_id: p.kind for p in poison}
    problems = [
        f"{d.consumer}: dead letter that is not an injected poison message: {d.attributes} {d.data[:120]!r}"
        for d in dead
        if d.attributes.get("poison_id") not in kinds
    ]
    parked = [d for d in dead if d.attributes.get("poison_id") in kinds]
    for d in parked:
        want = EXPECTED_ERROR_CLASS.get(kinds[d.attributes["poison_id"]])
        reason_ok = d.attributes.get("consumer") == d.consumer and d.attributes.get("error_message")
        if d.attributes.get("error_class") != want or not reason_ok:
            problems.append(f"{d.consumer}: poison {d.attributes['poison_id']} parked with reason {d.attributes}")
    found = Counter((d.consumer, d.attributes["poison_id"]) for d in parked)
    expected = expected_dead_letters(poison, stack.topology)
    if set(found) != set(expected) or (not processes_killed and found != expected):
        problems.append(f"parked poison copies {dict(found)} != expected {dict(expected)}")
    return problems


def _count(
    report: FaultReport,
    client: Any,
    workloads: list[Workload],
    injector: DuplicateInjector,
    killer: ProcessKiller,
    poison: list[PoisonMessage],
    dead: list[DeadLetter],
    log_dir: Path,
) -> None:
    outcomes = push_outcomes(log_dir)
    faults = count_faults(log_dir / "fault-ledger.txt")
    report.events = sum(1 for _ in client.collection("outbox").select([]).stream())
    report.bookings_accepted = sum(len(w.accepted) for w in workloads)
    report.trainings_stored = len(_trainings(client))
    report.cancels_accepted = sum(len(w.canceled) for w in workloads)
    report.duplicates_injected = len(injector.duplicated)
    report.duplicates_acked = outcomes["duplicate"]
    report.kills = killer.kills
    report.aborted_injected = faults.get("aborted", 0)
    report.publish_failed_injected = faults.get("publish_failed", 0)
    report.push_retries = outcomes["retry"]
    report.api_repeats = sum(api.repeats for w in workloads for api in w.clients())
    report.poison_published = len(poison)
    report.dead_letters = len(dead)
