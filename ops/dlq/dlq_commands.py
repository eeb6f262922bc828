"""``python -m ops dlq …``: list, show, redrive and purge dead letters.

Same code for the emulators and Google Cloud: with ``PUBSUB_EMULATOR_HOST`` set the client
library talks to the emulator, otherwise to the project with the application default credentials.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.progress import Progress

from ops.cli_support.one_line_errors import one_line_errors
from ops.cli_support.project_option import project_option
from ops.dlq.dead_letter_subscription_names import dead_letter_subscription_name

_filters = [
    click.option("--event-type", "event_types", multiple=True, help="Only this event type (repeatable)."),
    click.option("--older-than", help="Only messages dead-lettered longer ago than this (30s, 15m, 2h, 7d)."),
    click.option("--newer-than", help="Only messages dead-lettered within this age (30s, 15m, 2h, 7d)."),
    click.option("--limit", default=1000, show_default=True, help="Look at most at this many messages."),
]


def _with_filters(command: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(_filters):
        command = option(command)
    return command


def _console() -> Console:
    """Piped output (CI logs, tests) is not cut at 80 columns: names stay whole."""
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)


@click.group()
def dlq() -> None:
    """Dead letters: what failed, why, and putting it back.

    Dead-letter subscriptions are named <consumer>-dead-letter-sub; every command accepts the
    consumer name or the subscription name. Example: python -m ops dlq list --project my-project
    """


@dlq.command("list")
@project_option
@click.option("--cap", default=1000, show_default=True, help="Count at most this many messages per subscription.")
def list_command(project: str, cap: int) -> None:
    """List the dead-letter subscriptions with their backlog and the age of their oldest message.

    Counting holds the messages a moment and releases them (nothing is acked).
    Example: PUBSUB_EMULATOR_HOST=127.0.0.1:8085 python -m ops dlq list --project wild-workouts-local
    """
    from ops.dlq.dead_letter_backlog import dead_letter_backlogs
    from ops.dlq.dead_letter_rendering import backlog_table
    from ops.dlq.pubsub_clients import subscriber_client

    with one_line_errors():
        subscriber = subscriber_client()
        backlogs = dead_letter_backlogs(subscriber, project, cap)
        if not backlogs:
            click.echo(f"no dead-letter subscriptions (*-dead-letter-sub) in project {project}")
            return
        _console().print(backlog_table(backlogs))


@dlq.command()
@project_option
@click.argument("subscription")
@_with_filters
def show(
    project: str,
    subscription: str,
    event_types: tuple[str, ...],
    older_than: str | None,
    newer_than: str | None,
    limit: int,
) -> None:
    """Show dead letters: the reason the kit attached (error class and message, consumer, delivery
    attempts, source topic), every attribute and the decoded payload. Nothing is acked.

    Example: python -m ops dlq show users-on-trainings --event-type TrainingScheduleRequested
    """
    from datetime import UTC, datetime

    from ops.dlq.dead_letter_pull import held_dead_letters
    from ops.dlq.dead_letter_rendering import message_panel
    from ops.dlq.message_filter import MessageFilter
    from ops.dlq.pubsub_clients import subscriber_client

    with one_line_errors():
        selection = MessageFilter.from_options(event_types, older_than, newer_than)
        subscriber = subscriber_client()
        path = subscriber.subscription_path(project, dead_letter_subscription_name(subscription))
        with held_dead_letters(subscriber, path, limit) as held:
            now = datetime.now(UTC)
            shown = [m for m in held.messages if selection.matches(m, now)]
            console = _console()
            for message in shown:
                console.print(message_panel(message))
            click.echo(f"{len(shown)} message(s) shown of {len(held.messages)} in {path.rsplit('/', 1)[-1]}")


@dlq.command()
@project_option
@click.argument("subscription")
@_with_filters
@click.option("--dry-run", is_flag=True, help="Show what would be redriven; publish and ack nothing.")
def redrive(
    project: str,
    subscription: str,
    event_types: tuple[str, ...],
    older_than: str | None,
    newer_than: str | None,
    limit: int,
    dry_run: bool,
) -> None:
    """Republish dead letters to the topic they came from, for the failed consumer only, then ack them.

    The copy keeps the data, ordering key and attributes (without the dead-letter reason) and
    carries redrive_count (incremented) and redrive_target (this consumer: the topic's other
    consumers drop or ignore it). A message is acked only after Pub/Sub accepted its copy.
    Refused and left in place (exit 2, each with its reason): a copy cut when it was parked, and
    an event older than the redrive horizon (the consumer's processed marker may have expired).
    Fix the cause first (deploy the fix), then redrive.

    Example: python -m ops dlq redrive users-on-trainings --older-than 10m --dry-run
    """
    from ops.cli_support.operator_error import OperatorError
    from ops.dlq.dead_letter_pull import held_dead_letters
    from ops.dlq.dead_letter_rendering import plan_table
    from ops.dlq.message_filter import MessageFilter
    from ops.dlq.pubsub_clients import publisher_client, subscriber_client
    from ops.dlq.redrive import execute_redrive, plan_redrive
    from ops.local_stack.topology import load_topology

    with one_line_errors():
        selection = MessageFilter.from_options(event_types, older_than, newer_than)
        subscriber = subscriber_client()
        path = subscriber.subscription_path(project, dead_letter_subscription_name(subscription))
        with held_dead_letters(subscriber, path, limit) as held:
            plan = plan_redrive(held, load_topology(), selection)
            for refused in plan.refused:
                message = refused.message
                click.echo(f"refused {message.message_id} ({message.event_type or '?'}): {refused.reason}", err=True)
            if dry_run:
                _console().print(plan_table(plan.redrives, plan.target))
                click.echo(
                    f"dry run: {len(plan.redrives)} message(s) would be redriven, {len(plan.refused)} refused; "
                    "nothing published, nothing acked"
                )
                return
            publisher = publisher_client()
            with Progress(console=Console(stderr=True), transient=True) as progress:
                task = progress.add_task("redriving", total=len(plan.redrives))
                done = execute_redrive(held, plan.redrives, publisher, project, lambda _: progress.advance(task))
            click.echo(f"redriven {done} message(s) from {path.rsplit('/', 1)[-1]} to {plan.target}")
            if plan.refused:
                raise OperatorError(
                    f"{len(plan.refused)} message(s) refused and left in {path.rsplit('/', 1)[-1]} (reasons above)"
                )


@dlq.command()
@project_option
@click.argument("subscription")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge(project: str, subscription: str, yes: bool) -> None:
    """Delete every message of a dead-letter subscription (acks them all). Asks first unless --yes.

    Example: python -m ops dlq purge users-on-trainings --yes
    """
    from ops.dlq.dead_letter_pull import require_subscription
    from ops.dlq.pubsub_clients import subscriber_client
    from ops.dlq.purge import purge as purge_subscription

    with one_line_errors():
        subscriber = subscriber_client()
        name = dead_letter_subscription_name(subscription)
        path = subscriber.subscription_path(project, name)
        require_subscription(subscriber, path)
        if not yes and not click.confirm(f"Delete every message in {name} (project {project})?", default=False):
            click.echo("nothing purged.")
            return
        click.echo(f"purged {purge_subscription(subscriber, path)} message(s) from {name}")
