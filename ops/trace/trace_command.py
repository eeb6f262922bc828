"""``python -m ops trace CORRELATION_ID``."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
from rich.console import Console

from ops.cli_support.one_line_errors import one_line_errors
from ops.cli_support.project_option import project_option
from ops.trace.trace_hop import TraceHop


@click.command()
@project_option
@click.argument("correlation_id")
@click.option(
    "--log-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A structured log of the functions (JSON lines). Default on the local stack: the newest "
    ".local/logs/stack-*/functions.log.",
)
@click.option(
    "--since-hours",
    type=click.FloatRange(min=0, min_open=True),
    default=24.0,
    show_default=True,
    help="On Google Cloud: how far back Cloud Logging is searched.",
)
@click.option("--show-query", is_flag=True, help="Print the Cloud Logging filter the trace runs (stderr).")
def trace(project: str, correlation_id: str, log_file: Path | None, since_hours: float, show_query: bool) -> None:
    """The journey of one request, hop by hop, in time order.

    Each command (the API request that committed events), each event committed to the outbox and
    published (Firestore), each delivery to each consumer with its outcome, duration and delivery
    attempt, parked messages with the reason, redriven copies, and the processed markers
    (applied). Deliveries come from the functions' log: on the local stack (FIRESTORE_EMULATOR_HOST
    set) the stack's functions.log, on Google Cloud Cloud Logging (labels.correlation_id) in
    --project. The correlation id is the X-Correlation-Id header of the API's answer.

    Example: python -m ops trace 3f2a… ; on Google Cloud: python -m ops trace 3f2a… --project P --show-query
    """
    from ops.cli_support.emulator_reachability import require_reachable
    from ops.cli_support.operator_error import OperatorError
    from ops.trace.log_hops import log_hops
    from ops.trace.stored_hops import stored_hops
    from ops.trace.trace_timeline import timeline, timeline_table

    with one_line_errors():
        local = bool(os.environ.get("FIRESTORE_EMULATOR_HOST", "").strip())
        require_reachable("FIRESTORE_EMULATOR_HOST")
        logged: list[TraceHop]
        if local or log_file is not None:
            if show_query:
                click.echo("(local stack: the functions log file is read, no Cloud Logging query)", err=True)
            if log_file is None:
                from ops.trace.local_functions_log import newest_functions_log

                log_file = newest_functions_log()
            logged = log_hops(log_file, correlation_id) if log_file is not None else []
        else:
            logged = _cloud_hops(project, correlation_id, since_hours, show_query)
        from google.cloud import firestore

        client = firestore.Client(project=project)
        hops = timeline(stored_hops(client, correlation_id), logged)
        if not hops:
            raise OperatorError(f"nothing recorded for correlation id {correlation_id} in project {project}")
        Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(timeline_table(correlation_id, hops))


def _cloud_hops(project: str, correlation_id: str, since_hours: float, show_query: bool) -> list[TraceHop]:
    from ops.trace.cloud_log_entries import authorized_session, list_entries
    from ops.trace.cloud_log_query import journey_filter, kit_line
    from ops.trace.log_hops import entry_hops

    query = journey_filter(correlation_id, datetime.now(UTC) - timedelta(hours=since_hours))
    if show_query:
        click.echo(query, err=True)
    entries = list_entries(authorized_session(), project, query)
    return entry_hops((kit_line(entry) for entry in entries), correlation_id)
