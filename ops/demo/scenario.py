"""The demo scenario: drive the API, watch events travel, print the journeys and the final state.

A trainer opens hours; two attendees with balances book the same hour at the same moment (one
conflict); one cancels early (refund), one late (no refund); a reschedule is proposed and
approved. Every step is checked; the invariants of domain.md are checked at the end. HTTP →
Firestore (+ outbox, one commit) → Pub/Sub → push → Firestore, on the official emulators.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from ops.demo.api_client import ApiClient, ApiResponse
from ops.demo.dev_tokens import mint
from ops.demo.invariants import invariant_violations
from ops.demo.journey import format_journey, journey
from ops.demo.waiting import wait_for
from ops.local_stack.stack import LocalStack


def demo_hours(now: datetime, count: int, days_ahead: int = 2) -> list[datetime]:
    """``count`` bookable hours (from 13:00 UTC) ``days_ahead`` days from now."""
    day = (now + timedelta(days=days_ahead)).date()
    return [datetime(day.year, day.month, day.day, 13 + i, tzinfo=UTC) for i in range(count)]


def hour_within_a_day(now: datetime) -> datetime:
    """The first bookable hour (12–20 UTC, after the current hour) less than 24 h away."""
    candidate = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    while not (12 <= candidate.hour <= 20):
        candidate += timedelta(hours=1)
    return candidate


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


def _step(title: str) -> None:
    click.echo(click.style(f"\n{title}", bold=True))


class DemoRun:
    """The scenario's steps and what they share (clients, ids, correlation ids, checks)."""

    def __init__(self, stack: LocalStack) -> None:
        from google.cloud import firestore

        self.checks = Checks()
        self.client = firestore.Client(project=stack.settings.project)
        url = stack.functions_url
        self.admin = ApiClient(url, mint("admin-1", "admin", "Ada Admin"))
        self.trainer = ApiClient(url, mint("trainer-1", "trainer", "Tom Trainer"))
        self.attendees = {
            "alice": ApiClient(url, mint("alice", "attendee", "Alice")),
            "bob": ApiClient(url, mint("bob", "attendee", "Bob")),
        }
        now = datetime.now(UTC)
        self.h1, self.h2, self.h3 = demo_hours(now, 3)
        self.soon = hour_within_a_day(now)
        self.correlations: list[tuple[str, str]] = []
        self.granted = {"alice": 2, "bob": 2}
        self.first_ids: dict[str, str] = {}
        self.winner, self.loser = "alice", "bob"
        self.second_id = self.late_id = ""

    def check(self, ok: bool, what: str) -> bool:
        return self.checks.check(ok, what)

    def grant(self) -> None:
        _step("1. An administrator grants trainings: Alice 2, Bob 2")
        for user, amount in self.granted.items():
            response = self.admin.call("POST", f"/users/{user}/grants", {"amount": amount})
            self.check(response.status == 200, f"POST /users/{user}/grants {amount} → {response.status}")

    def open_hours(self) -> None:
        _step("2. The trainer opens four hours (HTTP → trainer_hours + outbox in one commit → Pub/Sub)")
        hours = [self.h1, self.h2, self.h3, self.soon]
        response = self.trainer.call("PUT", "/trainer/hours/available", {"hours": [iso(h) for h in hours]})
        self.check(response.status == 204, f"PUT /trainer/hours/available → {response.status}")
        self.correlations.append(("trainer opens hours", response.correlation_id))
        self.check(
            wait_for(lambda: _calendar_shows(self.trainer, hours, "available"), timeout=30) is not None,
            "the calendar read model (push consumer trainer-calendar) shows them as available",
        )

    def book_the_same_hour(self) -> None:
        _step(f"3. Alice and Bob book {iso(self.h1)} at the same moment")
        answers: dict[str, ApiResponse] = {}

        def book(name: str) -> None:
            body = {"hour": iso(self.h1), "notes": f"{name}'s first session"}
            answers[name] = self.attendees[name].call("POST", "/trainings", body)

        threads = [threading.Thread(target=book, args=(name,)) for name in self.attendees]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.check(all(a.status == 202 for a in answers.values()), "both requests accepted: 202 with a training id")
        self.first_ids = {n: str(a.body["training_id"]) for n, a in answers.items() if isinstance(a.body, dict)}
        self.correlations += [(f"{n} books {iso(self.h1)}", answers[n].correlation_id) for n in answers]
        finals = {n: _final_status(self.attendees[n], self.first_ids.get(n, "")) for n in self.attendees}
        winner = next((n for n, s in finals.items() if s and s["status"] == "scheduled"), None)
        loser = next((n for n, s in finals.items() if s and s["status"] == "rejected"), None)
        reason = (finals.get(loser or "") or {}).get("rejection_reason", "?")
        self.check(
            winner is not None and loser is not None,
            f"exactly one is scheduled ({winner}), the other rejected ({loser}): {reason}",
        )
        self.winner, self.loser = winner or "alice", loser or "bob"

    def book_again(self) -> None:
        loser, alice = self.loser, self.attendees["alice"]
        _step(f"4. {loser.title()} books {iso(self.h2)} instead; Alice books {iso(self.soon)} (less than 24 h away)")
        second = self.attendees[loser].call("POST", "/trainings", {"hour": iso(self.h2), "notes": "second try"})
        self.correlations.append((f"{loser} books {iso(self.h2)}", second.correlation_id))
        late = alice.call("POST", "/trainings", {"hour": iso(self.soon), "notes": "soon"})
        self.correlations.append((f"alice books {iso(self.soon)}", late.correlation_id))
        self.second_id = str((second.body or {}).get("training_id"))
        self.late_id = str((late.body or {}).get("training_id"))
        second_status = (_final_status(self.attendees[loser], self.second_id) or {}).get("status")
        self.check(second_status == "scheduled", f"{loser}'s training scheduled")
        late_status = (_final_status(alice, self.late_id) or {}).get("status")
        self.check(late_status == "scheduled", "Alice's late training scheduled")

    def cancel(self) -> None:
        winner = self.winner
        _step(f"5. {winner.title()} cancels early (≥ 24 h before: free), Alice cancels late (< 24 h: no refund)")
        early = self.attendees[winner].call("POST", f"/trainings/{self.first_ids[winner]}/cancel")
        self.correlations.append((f"{winner} cancels early", early.correlation_id))
        refund = (early.body or {}).get("refund")
        self.check(early.status == 202 and refund == 1, f"early cancel → refund 1 ({early.status})")
        late = self.attendees["alice"].call("POST", f"/trainings/{self.late_id}/cancel")
        self.correlations.append(("alice cancels late", late.correlation_id))
        refund = (late.body or {}).get("refund")
        self.check(late.status == 202 and refund == 0, f"late cancel by the attendee → refund 0 ({late.status})")

    def reschedule(self) -> None:
        loser = self.loser
        _step(f"6. {loser.title()} proposes moving {iso(self.h2)} → {iso(self.h3)}; the trainer approves")
        path = f"/trainings/{self.second_id}/reschedule-proposals"
        proposal = self.attendees[loser].call("POST", path, {"hour": iso(self.h3)})
        self.correlations.append((f"{loser} proposes a reschedule", proposal.correlation_id))
        self.check(proposal.status == 202, f"proposal accepted ({proposal.status})")
        approval = self.trainer.call("POST", f"{path}/approve")
        self.correlations.append(("trainer approves", approval.correlation_id))
        self.check(approval.status == 202, f"approval accepted ({approval.status})")
        moved = wait_for(
            lambda: _is(
                self.trainer.call("GET", f"/trainings/{self.second_id}").body, hour=iso(self.h3), status="scheduled"
            ),
            timeout=30,
        )
        self.check(
            moved is not None, f"the training moved to {iso(self.h3)} (new hour reserved, then the old released)"
        )

    def converge(self) -> None:
        _step("7. Everything converges")
        expected = {iso(self.h1): "available", iso(self.h2): "available", iso(self.h3): "training_scheduled"}
        self.check(
            wait_for(lambda: _calendar_matches(self.trainer, expected), timeout=30) is not None,
            "calendar read model: the canceled hour and the old hour are available again, the new one is taken",
        )
        all_ids = [*self.first_ids.values(), self.second_id, self.late_id]
        violations: list[str] = []

        def invariants_hold() -> bool:
            violations[:] = invariant_violations(self.client, self.granted, all_ids)
            return not violations

        self.check(wait_for(invariants_hold, timeout=30) is True, "the invariants of domain.md hold")
        for violation in violations:
            click.echo(f"      {violation}")

    def report(self) -> None:
        _step("8. The journey of each request (from the outbox and the processed markers)")
        for label, correlation in self.correlations:
            click.echo(click.style(f"  {label}", fg="cyan"))
            click.echo("  " + format_journey(correlation, journey(self.client, correlation)).replace("\n", "\n  "))
        _step("9. Final state")
        _print_final_state(self.trainer, self.admin, [self.h1.date(), self.soon.date()], self.granted)
        click.echo("")


def run_demo(stack: LocalStack) -> bool:
    demo = DemoRun(stack)
    for step in (demo.grant, demo.open_hours, demo.book_the_same_hour, demo.book_again, demo.cancel, demo.reschedule):
        step()
    demo.converge()
    demo.report()
    return demo.checks.failed == 0


def _final_status(api: ApiClient, training_id: str) -> dict[str, Any] | None:
    def probe() -> dict[str, Any] | None:
        body = api.call("GET", f"/trainings/{training_id}").body
        return body if isinstance(body, dict) and body.get("status") in ("scheduled", "rejected", "canceled") else None

    return wait_for(probe, timeout=30)


def _is(body: Any, **expected: str) -> bool:
    return isinstance(body, dict) and all(str(body.get(k)) == v for k, v in expected.items())


def _availability(api: ApiClient, days: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for day in sorted(days):
        answer = api.call("GET", f"/trainer/calendar?date_from={day}&date_to={day}")
        if answer.status != 200 or not isinstance(answer.body, dict):
            continue
        for entry in answer.body.get("days", []):
            for hour in entry.get("hours", []):
                found[str(hour.get("hour"))] = str(hour.get("availability"))
    return found


def _calendar_shows(api: ApiClient, hours: list[datetime], availability: str) -> bool:
    found = _availability(api, {h.date().isoformat() for h in hours})
    return all(found.get(iso(h)) == availability for h in hours)


def _calendar_matches(api: ApiClient, expected: dict[str, str]) -> bool:
    found = _availability(api, {hour[:10] for hour in expected})
    return all(found.get(hour) == value for hour, value in expected.items())


def _print_final_state(trainer: ApiClient, admin: ApiClient, days: list[Any], granted: dict[str, int]) -> None:
    click.echo("  calendar (read model):")
    calendar = _availability(trainer, {d.isoformat() for d in days})
    for hour, availability in sorted(calendar.items()):
        if availability != "not_available":
            click.echo(f"    {hour}  {availability}")
    click.echo("  trainings (trainer's view):")
    body = trainer.call("GET", "/trainings").body
    items = body.get("trainings", []) if isinstance(body, dict) else []
    for training in sorted(items, key=lambda t: str(t.get("hour"))):
        click.echo(
            f"    {training.get('hour')}  {training.get('user_name', ''):<6} {training.get('status'):<10}"
            f" refund={training.get('refund')}  {training.get('rejection_reason') or ''}"
        )
    click.echo("  balances:")
    for user in granted:
        balance = admin.call("GET", f"/users/{user}/balance").body
        click.echo(f"    {user:<6} {balance.get('balance') if isinstance(balance, dict) else balance}")
