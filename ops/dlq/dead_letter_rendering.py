"""How dead letters look in the terminal (rich): a backlog table with the top causes, one panel per
message, a redrive plan and the closing table of a redrive."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Group
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from ops.dlq.cause_fingerprint import PLACEHOLDER_LEGEND, cause_of, message_template
from ops.dlq.dead_letter_backlog import DeadLetterBacklog
from ops.dlq.dead_letter_message import DeadLetterMessage
from ops.dlq.dead_letter_reason import reason_of
from ops.dlq.redrive import PlannedRedrive, RedriveOutcome, RedrivePlan
from ops.dlq.redrive_refusal import iso, redrivable_until, refusal


def backlog_table(backlogs: list[DeadLetterBacklog]) -> Table:
    table = Table(title="dead-letter subscriptions")
    table.add_column("subscription")
    table.add_column("dead-letter topic")
    table.add_column("messages", justify="right")
    table.add_column("oldest", justify="right")
    table.add_column("groups", justify="right")
    for backlog in backlogs:
        count = f"{backlog.messages}+" if backlog.capped else str(backlog.messages)
        table.add_row(
            backlog.subscription,
            backlog.topic,
            Text(count, style="bold red" if backlog.messages else "green"),
            human_age(backlog.oldest_age_seconds) if backlog.oldest_age_seconds is not None else "-",
            str(len(backlog.groups)),
        )
    return table


def causes_table(backlog: DeadLetterBacklog, top: int) -> Table:
    """The ``top`` biggest cause groups of one consumer's dead letters."""
    consumer = backlog.subscription.removesuffix("-dead-letter-sub")
    table = Table(title=f"top causes for {consumer}", title_justify="left")
    table.add_column("group")
    table.add_column("messages", justify="right")
    table.add_column("oldest", justify="right")
    table.add_column("event type")
    table.add_column("cause")
    for group in backlog.groups[:top]:
        table.add_row(
            group.cause.group_id,
            str(group.messages),
            human_age(group.oldest_age_seconds),
            group.cause.event_type or "?",
            group.cause.label,
        )
    hidden = len(backlog.groups) - top
    more = f"{hidden} more group(s): --top {len(backlog.groups)}\n" if hidden > 0 else ""
    table.caption = more + PLACEHOLDER_LEGEND
    table.caption_justify = "left"
    return table


def message_panel(message: DeadLetterMessage, attempts_unknown_because: str | None = None) -> Panel:
    """``attempts_unknown_because``: what to say when the message carries no attempt count."""
    reason = reason_of(message.attributes)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("reason", Text(reason.summary(), style="red"))
    facts.add_row("group", cause_of(message.attributes).group_id)
    facts.add_row("consumer", reason.consumer or "?")
    facts.add_row("delivery attempts", reason.delivery_attempts_text(attempts_unknown_because))
    facts.add_row("source topic", reason.source_topic or "?")
    facts.add_row("dead-lettered at", message.dead_lettered_at.isoformat())
    refused = refusal(message, datetime.now(UTC))
    if refused is None:
        facts.add_row("redrive", f"possible until {iso(redrivable_until(message))}")
    else:
        facts.add_row("redrive", Text(f"refused: {refused}", style="bold red"))
    attributes = Table("attribute", "value", title="attributes", show_edge=False)
    for key in sorted(message.attributes):
        attributes.add_row(key, message.attributes[key])
    payload = Syntax(message.payload_text(), "json", word_wrap=True, theme="ansi_dark")
    title = f"{message.event_type or 'unknown type'} · message {message.message_id}"
    return Panel(Group(facts, attributes, Text("payload", style="bold"), payload), title=title, expand=False)


def plan_table(plan: list[PlannedRedrive], target: str) -> Table:
    table = Table(title=f"would redrive for {target} (dry run: nothing published, nothing acked)")
    table.add_column("message")
    table.add_column("event type")
    table.add_column("to topic")
    table.add_column("redrive_count", justify="right")
    for item in plan:
        table.add_row(item.message.message_id, item.message.event_type, item.topic, item.attributes["redrive_count"])
    return table


def human_age(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f}{unit}"
    return f"{seconds:.0f}s"


def redrive_summary_table(plan: RedrivePlan, outcome: RedriveOutcome, subscription: str, untouched: int) -> Table:
    """What a redrive did: redriven, refused (by reason, its variable parts as placeholders), left."""
    table = Table(title=f"redrive of {subscription} to {plan.target}", title_justify="left")
    table.add_column("outcome")
    table.add_column("messages", justify="right")
    table.add_column("detail")
    table.add_row("redriven", str(outcome.redriven), "published to the source topic, then acked")
    reasons: dict[str, int] = {}
    for refused in plan.refused:
        template = message_template(refused.reason)
        reasons[template] = reasons.get(template, 0) + 1
    for template, count in sorted(reasons.items(), key=lambda item: -item[1]):
        table.add_row(Text("refused", style="red"), str(count), template)
    if outcome.left:
        why = "stopped by Ctrl-C" if outcome.interrupted else outcome.failure or "not reached"
        table.add_row(Text("left", style="yellow"), str(outcome.left), f"{why}; still in {subscription}")
    if untouched:
        table.add_row("not selected", str(untouched), "other groups or filters; released, untouched")
    return table
