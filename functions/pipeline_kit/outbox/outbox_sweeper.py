"""Republish outbox records left unsent for longer than a threshold.

Run by Cloud Scheduler through an HTTP trigger (and as a loop in the local stack). Safe to run
concurrently and repeatedly: publishing is at-least-once and consumers deduplicate by event id.
Records are published oldest first, so events of one aggregate keep their order. Each record
is marked sent inline (its own commit) before the sweep returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pipeline_kit.outbox.outbox_relay import PublishFn, relay
from pipeline_kit.outbox.unsent_records import unsent_older_than


@dataclass(frozen=True)
class SweepResult:
    found: int
    published: int
    failed: int


def sweep_outbox(
    client: Any,
    older_than: timedelta = timedelta(seconds=30),
    limit: int = 200,
    publish_fn: PublishFn | None = None,
    now: datetime | None = None,
) -> SweepResult:
    records = unsent_older_than(client, (now or datetime.now(UTC)) - older_than, limit)
    published = 0
    failed = 0
    for record in records:  # one at a time: a failure must not stop the others
        try:
            published += relay(client, [record], publish_fn, defer_marking=False)
        except Exception:
            failed += 1
    return SweepResult(found=len(records), published=published, failed=failed)
