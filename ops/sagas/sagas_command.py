"""``python -m ops sagas``."""

from __future__ import annotations

import sys

import click
from rich.console import Console

from ops.cli_support.one_line_errors import one_line_errors
from ops.cli_support.project_option import project_option


@click.command()
@project_option
@click.option("--overdue", is_flag=True, help="Only the sagas past their deadline.")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 1000), help="At most this many.")
def sagas(project: str, overdue: bool, limit: int) -> None:
    """The scheduling sagas still pending: each booking's age, deadline and which answers are
    missing (the trainer's hour reservation, the users module's balance debit).

    Read from Firestore (the emulator with FIRESTORE_EMULATOR_HOST). A saga past its deadline is
    rejected as timed_out by the next run of the saga_timeouts trigger (Cloud Scheduler, every
    minute; a loop in the local stack); one that stays overdue means that trigger is not
    running. A missing answer usually sits in a dead-letter subscription: `python -m ops dlq list`.

    Example: python -m ops sagas --overdue
    """
    from datetime import UTC, datetime

    from ops.cli_support.emulator_reachability import require_reachable
    from ops.sagas.pending_saga_table import pending_saga_table
    from wild_workouts.trainings.adapters.firestore_pending_sagas import FirestorePendingSagas

    with one_line_errors():
        require_reachable("FIRESTORE_EMULATOR_HOST")
        from google.cloud import firestore

        now = datetime.now(UTC)
        found = FirestorePendingSagas(firestore.Client(project=project)).pending(limit)
        shown = [saga for saga in found if saga.is_overdue(now)] if overdue else found
        if not shown:
            click.echo(f"no {'overdue' if overdue else 'pending'} sagas in project {project}")
            return
        Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(pending_saga_table(shown, now))
