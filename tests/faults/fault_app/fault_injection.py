"""Seeded, env-controlled faults around the kit's unit of work and its publish-after-commit.

Production code has no fault hooks: this module replaces the names that the kit's push
handling (``idempotent_handling``) and command execution (``command_execution``) imported.

- ``aborted``: the work runs, then its commit raises ``google.api_core.exceptions.Aborted``
  (nothing is written). A push delivery answers 503 and is redelivered; an API command
  answers 503 and the client repeats it.
- ``publish_failed``: the commit succeeded, then the publish raises ``PublishFailed`` before
  anything is sent. A push delivery answers 503; its redelivery is a duplicate that flushes
  the unsent events. An API command stays accepted; the outbox sweeper publishes later.

- ``lost_answer``: for chosen trainings a saga consumer never answers (``lost_answers``); the
  saga deadline rejects them as ``timed_out`` and the compensation runs.

Which unit fails is decided by a hash of (seed, key) against the rate; each key fails once
(``FaultLedger``), so injected faults alone never exhaust a subscription's delivery attempts.

Environment: ``FAULT_SEED``, ``FAULT_ABORT_RATE``, ``FAULT_PUBLISH_RATE``, ``FAULT_LOST_ANSWER_RATE`` (0..1) and
``FAULT_LEDGER`` (the ledger file; faults are off without it).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tests.faults.fault_app.fault_ledger import FaultLedger
from tests.faults.fault_app.lost_answers import install_lost_answers

T = TypeVar("T")


@dataclass(frozen=True)
class FaultRates:
    seed: str
    abort_rate: float
    publish_rate: float

    def selects(self, kind: str, key: str, rate: float) -> bool:
        digest = hashlib.sha256(f"{self.seed}|{kind}|{key}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64 < rate


def install_faults(environ: Mapping[str, str]) -> bool:
    """Patch the kit's call sites; returns False (nothing patched) without ``FAULT_LEDGER``."""
    ledger_path = environ.get("FAULT_LEDGER")
    if not ledger_path:
        return False
    from pipeline_kit.http import command_execution
    from pipeline_kit.routing.middlewares import idempotent_handling

    rates = FaultRates(
        seed=environ.get("FAULT_SEED", "0"),
        abort_rate=float(environ.get("FAULT_ABORT_RATE", "0.05")),
        publish_rate=float(environ.get("FAULT_PUBLISH_RATE", "0.05")),
    )
    ledger = FaultLedger(Path(ledger_path))
    for module in (idempotent_handling, command_execution):
        module.run_unit_of_work = _aborting(module.run_unit_of_work, rates, ledger)  # type: ignore[attr-defined]
        module.relay = _failing_publish(module.relay, rates, ledger)  # type: ignore[attr-defined]
    install_lost_answers(environ, ledger)
    return True


def _aborting(real: Callable[..., Any], rates: FaultRates, ledger: FaultLedger) -> Callable[..., Any]:
    def run_unit_of_work(client: Any, work: Callable[[Any], T], **options: Any) -> Any:
        marker = options.get("marker")
        # An API command has no marker: a fresh key each call, so a repeated request may fail again.
        key = marker.document_id if marker is not None else f"command-{uuid.uuid4().hex}"
        if not (rates.selects("aborted", key, rates.abort_rate) and ledger.claim("aborted", key)):
            return real(client, work, **options)

        def work_then_abort(attempt: Any) -> T:
            from google.api_core.exceptions import Aborted

            work(attempt)
            raise Aborted(f"injected fault: commit aborted ({key})")  # type: ignore[no-untyped-call]

        return real(client, work_then_abort, **options)

    return run_unit_of_work


def _failing_publish(real: Callable[..., int], rates: FaultRates, ledger: FaultLedger) -> Callable[..., int]:
    def relay(client: Any, records: Sequence[Any], publish_fn: Any = None, **options: Any) -> int:
        if records:
            key = f"publish-{records[0].envelope.event_id}"
            if rates.selects("publish_failed", key, rates.publish_rate) and ledger.claim("publish_failed", key):
                from pipeline_kit.pubsub.publisher import PublishFailed

                raise PublishFailed(f"injected fault: publish after commit failed ({key})")
        return real(client, records, publish_fn, **options)

    return relay
