"""What a fault run did and found; printed by the test and by the long-form runner."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FaultReport:
    events: int = 0  # outbox records (every event raised by a command or a consumer)
    bookings_accepted: int = 0
    trainings_stored: int = 0
    cancels_accepted: int = 0
    duplicates_injected: int = 0
    duplicates_acked: int = 0  # push answers with outcome "duplicate"
    kills: int = 0
    aborted_injected: int = 0
    publish_failed_injected: int = 0
    push_retries: int = 0  # push answers with outcome "retry" (503)
    api_repeats: int = 0  # API requests repeated after a 503 or a dropped connection
    poison_published: int = 0
    dead_letters: int = 0
    lost_answers_injected: int = 0  # trainings whose answer a consumer never gave (acked, no effect)
    sagas_timed_out: int = 0  # trainings rejected as timed_out by the saga deadline
    sagas_timed_out_slow: int = 0  # of those, without a lost answer (slowed by kills and backoff)
    sagas_compensated: int = 0  # timed out after a debit or a reservation, and given back
    sagas_left_pending: int = 0  # trainings still pending at the end (must be 0)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{name:>24}: {value}" for name, value in vars(self).items() if name != "problems"] + [
            f"{'problem':>24}: {problem}" for problem in self.problems
        ]
