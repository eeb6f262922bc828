"""Where an event stands in its aggregate's history, for a read model's last-writer-wins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, order=True)
class EventStamp:
    """Ordered by ``occurred_at`` (the envelope's time: the start of the unit of work attempt
    that raised the event), then ``event_id`` (an arbitrary but deterministic tie-break, so
    every order of arrival picks the same winner).

    Within one aggregate the order is the order of its changes as long as the producing
    instances' clocks agree to within the time between two changes of that aggregate: each
    change commits under an ``update_time`` precondition, so a later change's attempt reads
    (and, in practice, starts) after the earlier one committed.
    """

    occurred_at: datetime
    event_id: str
