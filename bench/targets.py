"""The three functions under test: the naive baseline and two of the project's push consumers.

- ``baseline``: ``bench/naive_baseline/main.py`` — one ``set(merge=True)`` per message;
- ``calendar``: the project's ``trainer_calendar`` (blind-write read model: one commit with the
  processed marker), fed ``HourMadeAvailable``;
- ``ledger``: the project's ``users_on_trainings`` (read-modify-write: reads account and ledger,
  commits them with the marker and an outbox record, then publishes ``TrainingBalanceDebited``
  and marks it sent), fed ``TrainingScheduleRequested`` for distinct, pre-funded users.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Target:
    name: str
    source: Path
    function: str
    effect_collection: str
    is_project: bool
    emits_to_topic: str | None = None


BASELINE = Target(
    "baseline", REPO_ROOT / "bench" / "naive_baseline" / "main.py", "naive_push", "baseline_calendar", False
)
CALENDAR = Target("calendar", REPO_ROOT / "functions" / "main.py", "trainer_calendar", "trainer_calendar", True)
LEDGER = Target(
    "ledger", REPO_ROOT / "functions" / "main.py", "users_on_trainings", "users_ledger", True, "users-events"
)
ALL_TARGETS = (BASELINE, CALENDAR, LEDGER)
