"""The timeline of one correlation id: every hop, ordered by time (cause before effect at ties)."""

from __future__ import annotations

from rich.table import Table

from ops.trace.trace_hop import TraceHop


def timeline(*sources: list[TraceHop]) -> list[TraceHop]:
    return sorted((hop for source in sources for hop in source), key=TraceHop.sort_key)


def timeline_table(correlation_id: str, hops: list[TraceHop]) -> Table:
    table = Table(title=f"correlation {correlation_id}")
    for name, justify in (
        ("+ms", "right"),
        ("hop", "left"),
        ("where", "left"),
        ("event", "left"),
        ("outcome", "left"),
        ("took", "right"),
        ("attempt", "right"),
        ("event id", "left"),
        ("reason", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    start = hops[0].at if hops else None
    for hop in hops:
        offset = (hop.at - start).total_seconds() * 1000 if start else 0.0
        table.add_row(
            f"{offset:.0f}",
            hop.kind,
            hop.where,
            hop.event_type,
            hop.outcome,
            f"{hop.duration_ms:.0f} ms" if hop.duration_ms is not None else "",
            hop.attempt,
            hop.event_id[:8],
            hop.detail[:80] if hop.kind == "parked" or hop.outcome in ("retry", "park_failed") else "",
        )
    return table
