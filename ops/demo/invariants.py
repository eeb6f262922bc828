"""The invariants of domain.md, checked against what is stored in Firestore.

- An hour has at most one training scheduled in it; an hour marked ``training_scheduled``
  has exactly one ``scheduled`` training, and that training's hour is marked so.
- For every attendee: balance = granted − scheduled − canceled + refunds of the canceled
  (0, 1 or 2 each); a rejected training costs nothing; the balance is never negative.
- Every accepted request (training) ends in a final state: scheduled, rejected or canceled.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

FINAL_STATES = ("scheduled", "rejected", "canceled")


def _iso(value: Any) -> str:
    return str(value.strftime("%Y-%m-%dT%H:%M:%SZ"))


def invariant_violations(
    client: Any, granted: Mapping[str, int], training_ids: Iterable[str] | None = None
) -> list[str]:
    """Every broken invariant as a sentence; empty when all hold."""
    trainings = {s.id: s.to_dict() or {} for s in client.collection("trainings").stream()}
    hours = {s.id: s.to_dict() or {} for s in client.collection("trainer_hours").stream()}
    return [
        *_hour_violations(trainings, hours),
        *_balance_violations(client, trainings, granted),
        *_finality_violations(trainings, training_ids),
    ]


def _hour_violations(trainings: dict[str, dict[str, Any]], hours: dict[str, dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    scheduled = {tid: t for tid, t in trainings.items() if t.get("status") == "scheduled"}
    per_hour = Counter(_iso(t["hour"]) for t in scheduled.values())
    problems += [f"hour {hour_id} has {count} scheduled trainings" for hour_id, count in per_hour.items() if count > 1]
    for training_id, training in scheduled.items():
        slot = hours.get(_iso(training["hour"])) or {}
        if slot.get("availability") != "training_scheduled" or slot.get("training_id") != training_id:
            problems.append(f"scheduled training {training_id} is not held by its hour {_iso(training['hour'])}")
    for hour_id, slot in hours.items():
        if slot.get("availability") != "training_scheduled":
            continue
        holder = trainings.get(str(slot.get("training_id"))) or {}
        if holder.get("status") != "scheduled" or _iso(holder["hour"]) != hour_id:
            problems.append(f"hour {hour_id} is training_scheduled without its scheduled training")
    return problems


def _balance_violations(client: Any, trainings: dict[str, dict[str, Any]], granted: Mapping[str, int]) -> list[str]:
    problems: list[str] = []
    for user_id, amount in granted.items():
        mine = [t for t in trainings.values() if t.get("user_id") == user_id]
        scheduled = sum(1 for t in mine if t.get("status") == "scheduled")
        canceled = [t for t in mine if t.get("status") == "canceled"]
        refunds = sum(int(t.get("refund") or 0) for t in canceled)
        expected = amount - scheduled - len(canceled) + refunds
        account = client.collection("users_accounts").document(user_id).get().to_dict() or {}
        balance = int(account.get("balance", 0))
        if balance != expected:
            problems.append(
                f"{user_id}: balance {balance}, expected {expected} = granted {amount} − scheduled {scheduled} "
                f"− canceled {len(canceled)} + refunds {refunds}"
            )
        if balance < 0:
            problems.append(f"{user_id}: negative balance {balance}")
    return problems


def _finality_violations(trainings: dict[str, dict[str, Any]], training_ids: Iterable[str] | None) -> list[str]:
    return [
        f"training {training_id} is not in a final state (status {trainings.get(training_id, {}).get('status')})"
        for training_id in (training_ids if training_ids is not None else trainings.keys())
        if trainings.get(training_id, {}).get("status") not in FINAL_STATES
    ]
