"""``python -m ops trace CORRELATION_ID``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from ops.cli_support.one_line_errors import one_line_errors
from ops.cli_support.project_option import project_option


@click.command()
@project_option
@click.argument("correlation_id")
@click.option(
    "--log-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A structured log of the functions (JSON lines), e.g. .local/logs/stack-*/functions.log.",
)
def trace(project: str, correlation_id: str, log_file: Path | None) -> None:
    """The journey of one request, hop by hop, as a timeline.

    From Firestore: when each event was committed to the outbox, published, and applied by each
    consumer (processed markers). With --log-file (the local stack's functions log), also every
    delivery: consumer, outcome, duration and delivery attempt. The correlation id is the
    X-Correlation-Id header of the API's answer.

    Example: python -m ops trace 3f2a… --log-file .local/logs/stack-20250101-120000-42/functions.log
    """
    from ops.cli_support.emulator_reachability import require_reachable
    from ops.cli_support.operator_error import OperatorError
    from ops.trace.log_hops import log_hops
    from ops.trace.stored_hops import stored_hops
    from ops.trace.trace_timeline import timeline, timeline_table

    with one_line_errors():
        require_reachable("FIRESTORE_EMULATOR_HOST")
        from google.cloud import firestore

        client = firestore.Client(project=project)
        hops = timeline(stored_hops(client, correlation_id), log_hops(log_file, correlation_id) if log_file else [])
        if not hops:
            raise OperatorError(f"nothing recorded for correlation id {correlation_id} in project {project}")
        Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(timeline_table(correlation_id, hops))
