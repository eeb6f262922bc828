"""The demo scenario: drive the API, watch events travel, print the journey and final state.

HTTP → Firestore (+ outbox, one commit) → Pub/Sub → push → Firestore (read models), checked
at every step; exits non-zero when a check fails.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click

from ops.demo.api_client import ApiClient
from ops.demo.dev_tokens import mint
from ops.demo.journey import format_journey, journey
from ops.demo.waiting import wait_for
from ops.local_stack.stack import LocalStack


def demo_hours(now: datetime, count: int) -> list[datetime]:
    """``count`` bookable hours (12–20 UTC) starting two days from now."""
    day = (now + timedelta(days=2)).date()
    return [datetime(day.year, day.month, day.day, 13 + i, tzinfo=UTC) for i in range(count)]


def iso(hour: datetime) -> str:
    return hour.strftime("%Y-%m-%dT%H:%M:%SZ")


class Checks:
    def __init__(self) -> None:
        self.failed = 0

    def check(self, ok: bool, what: str) -> bool:
        mark = click.style("✔", fg="green") if ok else click.style("✘", fg="red")
        click.echo(f"  {mark} {what}")
        self.failed += 0 if ok else 1
        return ok


def run_demo(stack: LocalStack) -> bool:
    from google.cloud import firestore

    checks = Checks()
    client = firestore.Client(project=stack.settings.project)
    trainer = ApiClient(stack.functions_url, mint("trainer-1", "trainer", "Tom Trainer"))
    hours = demo_hours(datetime.now(UTC), 3)

    click.echo(click.style("\n1. The trainer opens three hours", bold=True))
    response = trainer.call("PUT", "/trainer/hours/available", {"hours": [iso(h) for h in hours]})
    checks.check(response.status in (200, 202, 204), f"PUT /trainer/hours/available → {response.status}")
    correlation = response.correlation_id
    stored = [client.collection("trainer_hours").document(iso(h)).get() for h in hours]
    checks.check(
        all(s.exists and (s.to_dict() or {}).get("availability") == "available" for s in stored),
        "the hours are stored in Firestore (trainer_hours)",
    )

    click.echo(click.style("\n2. The events travel: outbox → Pub/Sub → push → calendar read model", bold=True))
    day = hours[0].date().isoformat()

    def calendar_shows_all() -> dict[str, str] | None:
        answer = trainer.call("GET", f"/trainer/calendar?date_from={day}&date_to={day}")
        if answer.status != 200:
            return None
        found = _availability_by_hour(answer.body)
        wanted = {iso(h) for h in hours}
        return found if all(found.get(h) == "available" for h in wanted) else None

    calendar = wait_for(calendar_shows_all, timeout=30)
    checks.check(
        calendar is not None,
        "the trainer's calendar (read model) shows the three hours as available",
    )
    sent = [client.collection("outbox").document(doc_id).get().to_dict() for doc_id in _event_ids(client, correlation)]
    checks.check(
        len(sent) == 3 and all((r or {}).get("sent") for r in sent),
        "three HourMadeAvailable events, all published",
    )

    click.echo(click.style("\n3. The journey of the request", bold=True))
    click.echo(format_journey(correlation, journey(client, correlation)))
    click.echo(click.style("\nFinal state: calendar of " + day, bold=True))
    for hour, availability in sorted((calendar or {}).items()):
        click.echo(f"  {hour}  {availability}")
    click.echo("")
    return checks.failed == 0


def _event_ids(client: object, correlation_id: str) -> list[str]:
    from google.cloud.firestore_v1.base_query import FieldFilter

    query = client.collection("outbox").where(filter=FieldFilter("correlation_id", "==", correlation_id))  # type: ignore[attr-defined]
    return [snapshot.id for snapshot in query.stream()]


def _availability_by_hour(body: object) -> dict[str, str]:
    """Flatten the calendar answer: {hour: availability}."""
    result: dict[str, str] = {}
    days = body.get("days", []) if isinstance(body, dict) else []
    for day in days:
        for hour in day.get("hours", []):
            result[str(hour.get("hour"))] = str(hour.get("availability"))
    return result
