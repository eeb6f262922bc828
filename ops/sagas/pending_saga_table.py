"""The pending sagas as a table: training, attendee, hour, age, deadline, missing answers."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.table import Table

from wild_workouts.shared_kernel.utc_hour import format_utc
from wild_workouts.trainings.app.pending_sagas import PendingSaga

_ANSWER_NAMES = {"hour_reservation": "hour reservation", "balance_debit": "balance debit"}


def duration_text(span: timedelta) -> str:
    """``1h 02m``, ``4m 05s``, ``12s`` (whole seconds, never negative)."""
    seconds = max(int(span.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {seconds:02d}s" if minutes else f"{seconds}s"


def deadline_text(saga: PendingSaga, now: datetime) -> str:
    if saga.deadline_at is None:
        return "none (stored before deadlines)"
    if saga.is_overdue(now):
        return f"OVERDUE by {duration_text(now - saga.deadline_at)}"
    return f"in {duration_text(saga.deadline_at - now)}"


def pending_saga_table(sagas: list[PendingSaga], now: datetime) -> Table:
    overdue = sum(saga.is_overdue(now) for saga in sagas)
    table = Table(title=f"{len(sagas)} pending saga(s), {overdue} overdue, at {format_utc(now.replace(microsecond=0))}")
    for name, justify in (
        ("training", "left"),
        ("attendee", "left"),
        ("hour", "left"),
        ("age", "right"),
        ("deadline", "left"),
        ("missing answers", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for saga in sagas:
        age = saga.age(now)
        table.add_row(
            saga.training_id,
            saga.user_id,
            format_utc(saga.hour),
            "?" if age is None else duration_text(age),
            deadline_text(saga, now),
            ", ".join(_ANSWER_NAMES.get(name, name) for name in saga.missing) or "none",
        )
    return table
