"""What the middleware chain answers for one push request (``routing/outcome`` has the table).

A middleware reports what it did by returning a ``PushResult``; nothing is written back into the
delivery. ``detail`` is the reason of a refusal, a parking, a retry or an ignored message (it is
logged and answered to Pub/Sub); ``attempts`` counts the unit of work's attempts of a handled
message; ``stack_trace`` is the traceback of an unexpected error, written once by the outcome line.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_kit.observability import structured_log
from pipeline_kit.push.message_size import too_large_reason
from pipeline_kit.routing.outcome import Outcome


@dataclass(frozen=True)
class PushResult:
    outcome: Outcome
    detail: str = ""
    attempts: int = 0
    stack_trace: str | None = None

    @property
    def status(self) -> int:
        return self.outcome.status


def refused(consumer: str, outcome: Outcome, reason: str) -> PushResult:
    """A request refused before any work (401, 403, 413): one warning line, nothing else done."""
    structured_log.warning(
        f"{consumer}: push request rejected: {reason}",
        outcome=outcome.value,
        labels={"consumer": consumer, "outcome": outcome.value},
    )
    return PushResult(outcome, reason)


def too_large(consumer: str, size: int, limit: int, what: str, *, at_least: bool = False) -> PushResult:
    """413 for a request no Pub/Sub message can produce: nothing parked, nothing else done."""
    return refused(consumer, Outcome.TOO_LARGE, too_large_reason(size, limit, what, at_least=at_least))
