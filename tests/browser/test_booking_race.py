"""Two attendees book the same hour at the same moment, each in their own browser: one sees
*scheduled*, the other sees it rejected with a human reason, and its balance shows the training
given back."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from tests.browser.web_app_pages import Api, HourPicker, open_hours, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page


def _prepare(page: Page, date: str, time: str, notes: str) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Book a training").click()
    day = page.get_by_label("Day")
    for _ in range(20):  # the availability read model follows the trainer a moment later
        expect(day).to_be_visible()
        if day.locator(f"option[value='{date}']").count():
            break
        page.wait_for_timeout(500)
        page.reload()
    day.select_option(date)
    page.get_by_label(time, exact=True).check()
    page.get_by_label("Notes for the trainer (optional)").fill(notes)
    expect(page.get_by_text(f"{len(notes)} / 1000 characters")).to_be_visible()


def _balance_settles(api: Api, expected: int, seconds: float = 30.0) -> int:
    """The credit that compensates a rejected booking is applied by another consumer a moment
    after the rejection: read the balance until it is back (or the bound passes)."""
    deadline = time.monotonic() + seconds
    while (balance := api.balance()) != expected and time.monotonic() < deadline:
        time.sleep(0.25)
    return balance


def test_one_attendee_gets_the_hour_the_other_is_told_why_and_refunded(
    new_context: Callable[..., BrowserContext], id_token: Callable[[str], str]
) -> None:
    request = new_context().request
    trainer, admin = Api(request, id_token("trainer")), Api(request, id_token("admin"))
    apis = {uid: Api(request, id_token(uid)) for uid in ("alice", "bob")}
    for uid in apis:
        admin.call("POST", f"/users/{uid}/grants", {"amount": 2})
    before = {uid: api.balance() for uid, api in apis.items()}
    (hour,) = HourPicker(trainer).free(1, far=True)
    open_hours(trainer, [hour])

    pages = {uid: sign_in(new_context(), uid) for uid in apis}
    for uid, page in pages.items():
        _prepare(page, str(hour.date()), f"{hour.hour:02d}:00", f"{uid} wants this hour")
        expect(page.get_by_test_id("balance")).to_have_text(f"Trainings left: {before[uid]}")
    for page in pages.values():  # both clicks leave before either answer arrives
        page.get_by_role("button", name="Book").click(no_wait_after=True)

    statuses = {uid: page.get_by_test_id("booking-status").first for uid, page in pages.items()}
    for status in statuses.values():
        expect(status).not_to_have_text("pending", timeout=20_000)
    texts = {uid: status.inner_text() for uid, status in statuses.items()}
    assert sorted(texts.values()) == ["rejected — the hour was just taken", "scheduled"], texts
    winner = next(uid for uid, text in texts.items() if text == "scheduled")
    loser = next(uid for uid in texts if uid != winner)

    expect(pages[loser].get_by_role("status")).to_contain_text("was rejected — the hour was just taken")
    expect(pages[loser].get_by_test_id("balance")).to_have_text(f"Trainings left: {before[loser]}", timeout=30_000)
    expect(pages[winner].get_by_test_id("balance")).to_have_text(f"Trainings left: {before[winner] - 1}")
    assert _balance_settles(apis[loser], before[loser]) == before[loser]
    assert "only an available hour" not in pages[loser].content()
    screenshot(pages[loser], "booking-rejected")
    screenshot(pages[winner], "booking-scheduled")
