"""The saga deadline's figures of a fault run, and what must hold for them.

Counted from Firestore once the pipeline is quiet: trainings rejected as ``timed_out`` (and how
many of those had no lost answer: slow, not lost), how many of them had something to give back
that was given back (a debit credited back, an hour reserved then released), and how many
trainings are still pending (must be 0). Problems: a training that lost an answer and was
scheduled anyway, or rejected for a reason only the silent side could give; a timed-out
training still holding an hour or still debited; more ``saga_timed_out`` log lines than
timed-out trainings (a saga timed out twice).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.faults.fault_app.lost_answers import lost_answer_consumer

TIMED_OUT = "timed_out"

# A training that lost one side's answer is rejected as timed out, or by the other side's refusal.
_HOUR_SIDE_REFUSALS = ("hour_not_available", "hour_in_past")
_ANSWERED_BY_THE_OTHER_SIDE = {
    "trainer-on-trainings": ("insufficient_balance",),
    "trainings-on-trainer": ("insufficient_balance",),
    "trainings-on-users": _HOUR_SIDE_REFUSALS,
}


@dataclass
class SagaFigures:
    lost_answers: int = 0  # trainings one consumer never answered
    timed_out: int = 0
    timed_out_without_loss: int = 0  # slow answers (kills, backoff), not lost ones
    compensated: int = 0  # timed out after a debit or a reservation, and given back
    left_pending: int = 0
    problems: list[str] = field(default_factory=list)


def saga_figures(client: Any, seed: str, lost_rate: float, log_dir: Path) -> SagaFigures:
    trainings = {s.id: s.to_dict() or {} for s in client.collection("trainings").stream()}
    chosen = {tid: lost_answer_consumer(seed, lost_rate, tid) for tid in trainings}
    lost = {tid: consumer for tid, consumer in chosen.items() if consumer is not None}
    timed_out = [tid for tid, t in trainings.items() if t.get("rejection_code") == TIMED_OUT]
    figures = SagaFigures(
        lost_answers=len(lost),
        timed_out=len(timed_out),
        timed_out_without_loss=sum(1 for tid in timed_out if tid not in lost),
        left_pending=sum(1 for t in trainings.values() if t.get("status") == "pending"),
    )
    for tid, consumer in sorted(lost.items()):
        status, code = trainings[tid].get("status"), trainings[tid].get("rejection_code")
        if status != "rejected" or code not in (TIMED_OUT, *_ANSWERED_BY_THE_OTHER_SIDE[consumer]):
            figures.problems.append(f"training {tid} lost the answer of {consumer} and is {status} ({code})")
    for tid in timed_out:
        given_back, problems = _compensation(client, tid, str(trainings[tid].get("user_id")))
        figures.compensated += given_back
        figures.problems += problems
    lines = _timeout_log_lines(log_dir)
    if lines > len(timed_out):
        figures.problems.append(f"{lines} saga_timed_out log lines for {len(timed_out)} timed-out trainings")
    return figures


def _compensation(client: Any, training_id: str, user_id: str) -> tuple[int, list[str]]:
    """(1 if something done for the training was given back, else 0; what is still not given back)."""
    problems: list[str] = []
    ledger = client.collection("users_ledger").document(f"{user_id}__{training_id}").get().to_dict() or {}
    reservation = client.collection("trainer_training_reservations").document(training_id).get().to_dict() or {}
    if ledger.get("state") == "debited":
        problems.append(f"timed-out training {training_id} is still debited")
    if reservation.get("held_hours"):
        problems.append(f"timed-out training {training_id} still holds {reservation['held_hours']}")
    credited = ledger.get("state") == "credited_back"
    released = "schedule" in (reservation.get("answers") or {}) and reservation["answers"]["schedule"] is None
    return int(credited or released), problems


def _timeout_log_lines(log_dir: Path) -> int:
    count = 0
    for log in sorted(log_dir.glob("functions*.log")):
        for line in log.read_text(errors="replace").splitlines():
            if '"saga_timed_out"' not in line:
                continue
            try:
                count += json.loads(line).get("outcome") == "saga_timed_out"
            except ValueError:
                continue
    return count
