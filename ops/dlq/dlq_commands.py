"""``python -m ops dlq …``: list (grouped by cause), show, redrive and purge dead letters.

Same code for the emulators and Google Cloud: with ``PUBSUB_EMULATOR_HOST`` set the client
library talks to the emulator, otherwise to the project with the application default credentials.
"""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console

from ops.cli_support.one_line_errors import one_line_errors
from ops.cli_support.project_option import project_option
from ops.dlq.dead_letter_subscription_names import dead_letter_subscription_name

_filters = [
    click.option("--event-type", "event_types", multiple=True, help="Only this event type (repeatable)."),
    click.option("--older-than", help="Only messages dead-lettered longer ago than this (30s, 15m, 2h, 7d)."),
    click.option("--newer-than", help="Only messages dead-lettered within this age (30s, 15m, 2h, 7d)."),
    click.option(
        "--group", help="Only this cause group (the 8-hex-digit id `dlq list` shows): other causes stay untouched."
    ),
    click.option(
        "--limit",
        default=1000,
        show_default=True,
        type=click.IntRange(min=1),
        help="Look at most at this many messages.",
    ),
]
_json_option = click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout (for scripts).")


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
@click.option(
    "--cap",
    default=1000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Count at most this many messages per subscription.",
)
@click.option(
    "--top", default=5, show_default=True, type=click.IntRange(min=1), help="Cause groups shown per consumer."
)
@_json_option
def list_command(project: str, cap: int, top: int, as_json: bool) -> None:
    """List the dead-letter subscriptions with their backlog, the age of their oldest message and
    their top causes: groups of the same error class, message template and event type, each with a
    stable 8-hex-digit id for `dlq show --group` and `dlq redrive --group`. In a template, '<v>'
    stands for a quoted value, <uuid> a UUID, <ts> a timestamp, <id> an id and <n> a number, so
    that messages differing only there group together.

    Counting holds the messages a moment and releases them (nothing is acked).
    Example: python -m ops dlq list --json
    """
    from ops.dlq.dead_letter_backlog import dead_letter_backlogs
    from ops.dlq.dead_letter_json import list_document
    from ops.dlq.dead_letter_rendering import backlog_table, causes_table
    from ops.dlq.pubsub_clients import subscriber_client

    with one_line_errors():
        subscriber = subscriber_client()
        backlogs = dead_letter_backlogs(subscriber, project, cap)
        if as_json:
            click.echo(json.dumps(list_document(project, backlogs), indent=2))
            return
        if not backlogs:
            click.echo(f"no dead-letter subscriptions (*-dead-letter-sub) in project {project}")
            return
        console = _console()
        console.print(backlog_table(backlogs))
        for backlog in backlogs:
            if backlog.groups:
                console.print(causes_table(backlog, top))


@dlq.command()
@project_option
@click.argument("subscription")
@_with_filters
@_json_option
def show(
    project: str,
    subscription: str,
    event_types: tuple[str, ...],
    older_than: str | None,
    newer_than: str | None,
    group: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Show dead letters: the reason the kit attached (error class and message, consumer, delivery
    attempts, source topic), the cause group, every attribute and the decoded payload. Nothing is acked.
    Without an attempt count it says why: the emulator sends none, or the subscription has no
    dead-letter policy (Pub/Sub counts only then), or the delivery carried none (Eventarc).

    Example: python -m ops dlq show users-on-trainings --group 1a2b3c4d --json
    """
    import os
    from datetime import UTC, datetime

    from ops.dlq.attempt_count_absence import AttemptCountAbsence
    from ops.dlq.dead_letter_json import show_document
    from ops.dlq.dead_letter_pull import held_dead_letters
    from ops.dlq.dead_letter_reason import reason_of
    from ops.dlq.dead_letter_rendering import message_panel
    from ops.dlq.message_filter import MessageFilter
    from ops.dlq.pubsub_clients import subscriber_client

    with one_line_errors():
        selection = MessageFilter.from_options(event_types, older_than, newer_than, group)
        subscriber = subscriber_client()
        name = dead_letter_subscription_name(subscription)
        path = subscriber.subscription_path(project, name)
        with held_dead_letters(subscriber, path, limit) as held:
            now = datetime.now(UTC)
            shown = [m for m in held.messages if selection.matches(m, now)]
            waiting, capped = len(held.messages), len(held.messages) >= limit
            if as_json:
                click.echo(json.dumps(show_document(name, waiting, capped, shown, now), indent=2))
                return
            console = _console()
            absence = AttemptCountAbsence(subscriber, project, on_emulator=bool(os.environ.get("PUBSUB_EMULATOR_HOST")))
            for message in shown:
                reason = reason_of(message.attributes)
                unknown = absence.why(reason) if reason.delivery_attempts_known is None else None
                console.print(message_panel(message, unknown))
            more = f"+ (--limit {limit} reached)" if capped else ""
            click.echo(f"{len(shown)} message(s) shown of {waiting}{more} waiting in {name}")


@dlq.command()
@project_option
@click.argument("subscription")
@_with_filters
@click.option("--dry-run", is_flag=True, help="Show what would be redriven; publish and ack nothing.")
@click.option("--rate", default="10/s", show_default=True, help="At most this many messages per s, m or h.")
def redrive(  # click passes every option by name
    *,
    project: str,
    subscription: str,
    event_types: tuple[str, ...],
    older_than: str | None,
    newer_than: str | None,
    group: str | None,
    limit: int,
    dry_run: bool,
    rate: str,
) -> None:
    """Republish dead letters to the topic they came from, for the failed consumer only, then ack them.

    The copy keeps the data, ordering key and attributes (without the dead-letter reason) and
    carries redrive_count (incremented) and redrive_target (this consumer: the topic's other
    consumers drop or ignore it). A message is acked only after Pub/Sub accepted its copy.
    Refused and left in place (exit 2, each with its reason): a copy cut when it was parked, and
    an event older than the redrive horizon (the consumer's processed marker may have expired).
    With --group only that cause is touched; the rest is released at once. At most --rate
    messages a second; Ctrl-C stops between two messages (exit 130) and leaves the rest in place.
    A closing table says what was redriven, refused and left. Fix the cause first (deploy), then redrive.

    Example: python -m ops dlq redrive users-on-trainings --group 1a2b3c4d --rate 5/s
    """
    from ops.cli_support.operator_error import OperatorError
    from ops.dlq.dead_letter_pull import held_dead_letters
    from ops.dlq.dead_letter_rendering import plan_table, redrive_summary_table
    from ops.dlq.message_filter import MessageFilter
    from ops.dlq.pubsub_clients import publisher_client, subscriber_client
    from ops.dlq.redrive import execute_redrive, plan_redrive
    from ops.dlq.redrive_progress import redrive_progress
    from ops.dlq.token_bucket import TokenBucket, parse_rate
    from ops.local_stack.topology import load_topology

    with one_line_errors():
        selection = MessageFilter.from_options(event_types, older_than, newer_than, group)
        bucket = TokenBucket(parse_rate(rate))
        subscriber = subscriber_client()
        name = dead_letter_subscription_name(subscription)
        path = subscriber.subscription_path(project, name)
        with held_dead_letters(subscriber, path, limit) as held:
            plan = plan_redrive(held, load_topology(), selection)
            if group and not plan.redrives and not plan.refused:
                click.echo(f"no message of group {group} in {name}: nothing redriven (see `python -m ops dlq list`)")
                return  # exit 0, like a filter that matches nothing: redriving a drained group again is a no-op
            selected = {item.message.ack_id for item in plan.redrives}
            untouched = [m for m in held.messages if m.ack_id not in selected]
            held.release(untouched)  # the other causes go back now, not when the redrive ends
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
            with redrive_progress(len(plan.redrives)) as advance:
                outcome = execute_redrive(held, plan.redrives, publisher, project, bucket, advance)
            _console().print(redrive_summary_table(plan, outcome, name, len(untouched) - len(plan.refused)))
            click.echo(f"redriven {outcome.redriven} message(s) from {name} to {plan.target}")
        if outcome.interrupted:
            click.echo(f"interrupted: {outcome.left} message(s) not redriven, still in {name}", err=True)
            sys.exit(130)
        if outcome.failure:
            raise OperatorError(
                f"redrive stopped after {outcome.redriven} message(s): {outcome.failure}; "
                f"{outcome.left} message(s) stay in {name}"
            )
        if plan.refused:
            raise OperatorError(f"{len(plan.refused)} message(s) refused and left in {name} (reasons above)")


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
