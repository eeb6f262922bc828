"""Lost answers: for chosen trainings, one saga consumer never answers (its message is acked
with no effect), so only the saga deadline settles them.

Which trainings, and which consumer loses its message, is a hash of (seed, training id) against
``FAULT_LOST_ANSWER_RATE`` (``lost_answer_consumer``), so the test process knows them too:

- ``trainer-on-trainings`` drops ``TrainingScheduleRequested``: the trainer never reserves nor
  answers (the later ``TrainingRejected`` still reaches it, and closes the training);
- ``trainings-on-trainer`` drops the trainer's answer: the hour *is* held, the trainings module
  never hears it, and the compensation must release it;
- ``trainings-on-users`` drops the users module's answer: the balance *is* debited, and the
  compensation must credit it back.

Every delivery of a dropped message (duplicates, redeliveries after a kill) is dropped again; the
ledger records each (consumer, training) once, for counting.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from tests.faults.fault_app.fault_ledger import FaultLedger

LOST_KIND = "lost_answer"

# consumer -> the event types of the scheduling saga it loses for a chosen training
LOST_EVENT_TYPES: dict[str, frozenset[str]] = {
    "trainer-on-trainings": frozenset({"TrainingScheduleRequested"}),
    "trainings-on-trainer": frozenset({"HourReserved", "HourReservationRejected"}),
    "trainings-on-users": frozenset({"TrainingBalanceDebited", "TrainingBalanceDebitRejected"}),
}
_CONSUMERS = tuple(sorted(LOST_EVENT_TYPES))


def lost_answer_consumer(seed: str, rate: float, training_id: str) -> str | None:
    """The consumer that loses its message for ``training_id``, or None (most trainings)."""
    digest = hashlib.sha256(f"{seed}|{LOST_KIND}|{training_id}".encode()).digest()
    if int.from_bytes(digest[:8], "big") / 2**64 >= rate:
        return None
    return _CONSUMERS[digest[8] % len(_CONSUMERS)]


def install_lost_answers(environ: Mapping[str, str], ledger: FaultLedger) -> None:
    """Wrap the consumers' specs as they are built (``wild_workouts.bootstrap.consumer_spec``)."""
    rate = float(environ.get("FAULT_LOST_ANSWER_RATE", "0"))
    if rate <= 0:
        return
    seed = environ.get("FAULT_SEED", "0")
    from wild_workouts import bootstrap

    real = bootstrap.consumer_spec

    def consumer_spec(declaration: Any) -> Any:
        spec = real(declaration)
        name = declaration.name
        lost_types = LOST_EVENT_TYPES.get(name)
        if lost_types is None:
            return spec
        handlers = {
            event_type: _losing(handler, name, seed, rate, ledger) if event_type in lost_types else handler
            for event_type, handler in spec.handlers.items()
        }
        return replace(spec, handlers=handlers)

    bootstrap.consumer_spec = consumer_spec


def _losing(handler: Any, consumer: str, seed: str, rate: float, ledger: FaultLedger) -> Any:
    def run(event: Any, context: Any) -> None:
        training_id = str(getattr(event, "training_id", ""))
        if lost_answer_consumer(seed, rate, training_id) == consumer:
            ledger.claim(LOST_KIND, f"{consumer}|{training_id}")
            return  # acked with no effect: the answer never comes
        handler(event, context)

    return run
