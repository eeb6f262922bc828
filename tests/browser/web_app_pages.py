"""What the browser tests share about the web app: signing in through the page, the hours the
tests may use, preparing data over the API, and saving screenshots for the README.

Hours: the trainer's hours are shared by every test of the session (one trainer), so each test
takes hours no other test has used yet (``HourPicker``): hours nobody has opened, or opened
hours without a training.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from playwright.sync_api import APIRequestContext, BrowserContext, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"
FIRST_UTC_HOUR, LAST_UTC_HOUR, MAX_DAYS_AHEAD = 12, 20, 42
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DISPLAY_NAMES = {
    "trainer": "Tom Trainer",
    "alice": "Alice Attendee",
    "bob": "Bob Attendee",
    "admin": "Ada Admin",
}
ROLES = {"trainer": "trainer", "alice": "attendee", "bob": "attendee", "admin": "admin"}


def sign_in(context: BrowserContext, uid: str) -> Page:
    """A page of ``context`` signed in as the demo user ``uid`` by the sign-in page's demo button."""
    page = context.new_page()
    page.goto("/app/sign-in")
    page.get_by_role("button", name=f"Sign in as {DISPLAY_NAMES[uid]} ({ROLES[uid]})").click()
    page.get_by_role("button", name="Sign out").wait_for()
    return page


def screenshot(page: Page, name: str) -> None:
    """Saves the whole page as docs/screenshots/<name>.png (the README shows them)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def iso_hour(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:00:00Z")


def parse_hour(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def day_label(moment: datetime) -> str:
    """ "Wed 2 Dec", as the app writes days."""
    return f"{WEEKDAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]}"


def hour_label(moment: datetime) -> str:
    """ "Wed 2 Dec 13:00": the accessible name of the hour's toggle on the trainer's schedule."""
    return f"{day_label(moment)} {moment.hour:02d}:00"


def long_hour_label(moment: datetime) -> str:
    """ "Wed 2 Dec 2026, 13:00 UTC": a training's time in the trainings list."""
    return f"{day_label(moment)} {moment.year}, {moment.hour:02d}:00 UTC"


def opening_hours(now: datetime) -> list[datetime]:
    """Every hour the trainer may still open, in time order (after the current hour, ≤ 42 days)."""
    current = now.replace(minute=0, second=0, microsecond=0)
    last_day = (now + timedelta(days=MAX_DAYS_AHEAD)).date()
    hours: list[datetime] = []
    moment = current + timedelta(hours=1)
    while moment.date() <= last_day:
        if FIRST_UTC_HOUR <= moment.hour <= LAST_UTC_HOUR:
            hours.append(moment)
        moment += timedelta(hours=1)
    return hours


class Api:
    """The public API over HTTP with one user's bearer token (for preparing data and checks)."""

    def __init__(self, request: APIRequestContext, token: str) -> None:
        self._request = request
        self._headers = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
        response = self._request.fetch(
            path, method=method, data=body, headers={**self._headers, **headers}, fail_on_status_code=False
        )
        assert response.ok, f"{method} {path} answered {response.status}: {response.text()}"
        return response.json() if response.status != 204 else None

    def balance(self) -> int:
        return int(self.call("GET", "/users/me/balance")["balance"])


class HourPicker:
    """Hands out hours no other test of the session has taken, read from the trainer's calendar."""

    _taken: ClassVar[set[str]] = set()  # shared by every picker of the session

    def __init__(self, trainer: Api) -> None:
        self._trainer = trainer

    def free(
        self, count: int, *, within_a_day: bool | None = None, far: bool = False, same_day: bool = False
    ) -> list[datetime]:
        """``count`` hours without a training: less than 24 h away (``within_a_day``), at least
        two days away (``far``), or any; all on one day with ``same_day``."""
        now = datetime.now(UTC)
        candidates = [
            hour
            for hour in opening_hours(now)
            if iso_hour(hour) not in self._taken
            and hour - now > timedelta(minutes=15)
            and (within_a_day is None or (hour - now < timedelta(hours=23)) == within_a_day)
            and (not far or hour - now > timedelta(days=2))
        ]
        if not within_a_day:
            random.shuffle(candidates)
        booked = self._booked_hours(candidates)
        usable = [hour for hour in candidates if iso_hour(hour) not in booked]
        if same_day:
            days = [hour.date() for hour in usable]
            day = next((d for d in days if days.count(d) >= count), None)
            usable = [hour for hour in usable if hour.date() == day]
        chosen = usable[:count]
        assert len(chosen) == count, f"not enough free hours left for this test (wanted {count})"
        self._taken.update(iso_hour(hour) for hour in chosen)
        return chosen

    def _booked_hours(self, hours: Iterable[datetime]) -> set[str]:
        listed = sorted(hours)
        if not listed:
            return set()
        calendar = self._trainer.call(
            "GET", f"/trainer/calendar?date_from={listed[0].date()}&date_to={listed[-1].date()}"
        )
        return {
            iso_hour(parse_hour(hour["hour"]))
            for day in calendar["days"]
            for hour in day["hours"]
            if hour["availability"] == "training_scheduled"
        }


def open_hours(trainer: Api, hours: Iterable[datetime]) -> None:
    trainer.call("PUT", "/trainer/hours/available", {"hours": [iso_hour(hour) for hour in hours]})


def book(attendee: Api, hour: datetime, notes: str = "") -> str:
    """Books ``hour`` over the API and waits until it is scheduled; the training id."""
    answer = attendee.call("POST", "/trainings", {"hour": iso_hour(hour), "notes": notes}, Prefer="wait=10")
    training_id = str(answer["training_id"])
    for _ in range(40):
        training = attendee.call("GET", f"/trainings/{training_id}")
        if training["status"] != "pending":
            assert training["status"] == "scheduled", training
            return training_id
        time.sleep(0.25)
    raise AssertionError(f"training {training_id} stayed pending")
