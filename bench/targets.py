"""The four functions under test: two anchors (what a user writes without the kit) and two of
the project's push consumers, each consumer against the anchor of its kind.

- ``baseline`` (anchor of blind-write read models): ``bench/naive_baseline/main.py`` — one
  ``set(merge=True)`` per message;
- ``calendar``: the project's ``trainer_calendar`` (blind-write read model: one commit with the
  processed marker), fed ``HourMadeAvailable``;
- ``transactional`` (anchor of read-modify-write consumers): ``bench/naive_transactional/main.py``
  — ``@firestore.transactional`` (read the account, check and debit it, write a ledger entry),
  then ``publisher.publish(...).result()``;
- ``ledger``: the project's ``users_on_trainings`` (read-modify-write: reads account and ledger,
  commits them with the marker and an outbox record, then publishes ``TrainingBalanceDebited``
  and marks it sent), fed ``TrainingScheduleRequested`` for distinct, pre-funded users, as is
  its anchor.

The project's functions are served with push auth on (``bench/authenticated_functions.py``: the
deployed entry points, keys from a local certificate endpoint).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
AUTHENTICATED_FUNCTIONS = REPO_ROOT / "bench" / "authenticated_functions.py"


@dataclass(frozen=True)
class Target:
    name: str
    source: Path
    function: str
    effect_collection: str
    is_project: bool
    emits_to_topic: str | None = None
    ledger_events: bool = False  # fed TrainingScheduleRequested for funded users (else HourMadeAvailable)
    anchor: str | None = None  # the project target's anchor (None: an anchor itself)


BASELINE = Target(
    "baseline", REPO_ROOT / "bench" / "naive_baseline" / "main.py", "naive_push", "baseline_calendar", False
)
CALENDAR = Target("calendar", AUTHENTICATED_FUNCTIONS, "trainer_calendar", "trainer_calendar", True, anchor="baseline")
TRANSACTIONAL = Target(
    "transactional",
    REPO_ROOT / "bench" / "naive_transactional" / "main.py",
    "naive_transactional_push",
    "naive_ledger",
    False,
    "users-events",
    ledger_events=True,
)
LEDGER = Target(
    "ledger",
    AUTHENTICATED_FUNCTIONS,
    "users_on_trainings",
    "users_ledger",
    True,
    "users-events",
    ledger_events=True,
    anchor="transactional",
)
ALL_TARGETS = (BASELINE, CALENDAR, TRANSACTIONAL, LEDGER)
ANCHORS = (BASELINE, TRANSACTIONAL)
PAIRS = ((BASELINE, CALENDAR), (TRANSACTIONAL, LEDGER))
"""(anchor, project consumer) of each consumer kind: blind write, read-modify-write."""
