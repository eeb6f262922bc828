"""The trainer opens hours on the schedule grid, and attendees see them as free hours to book;
the calendar shows them as open."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from tests.browser.web_app_pages import Api, HourPicker, hour_label, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext


def test_hours_opened_on_the_grid_appear_for_attendees(
    new_context: Callable[..., BrowserContext], id_token: Callable[[str], str]
) -> None:
    trainer_api = Api(new_context().request, id_token("trainer"))
    first, second = sorted(HourPicker(trainer_api).free(2, far=True, same_day=True))
    trainer = sign_in(new_context(), "trainer")

    trainer.get_by_role("link", name="My hours").click()
    expect(trainer.get_by_role("heading", name="My hours")).to_be_visible()
    for _ in range(7):
        expect(trainer.locator("form.schedule")).to_be_visible()
        if trainer.get_by_label(hour_label(first), exact=True).count():
            break
        trainer.get_by_role("button", name="Next week →").click()
    for hour in (first, second):
        toggle = trainer.get_by_label(hour_label(hour), exact=True)
        expect(toggle).to_be_enabled()
        expect(toggle).not_to_be_checked()
        toggle.check()
    trainer.get_by_role("button", name="Save changes (2)").click()
    expect(trainer.get_by_role("status")).to_contain_text("Saved: 2 hours opened, 0 closed.")
    expect(trainer.get_by_label(hour_label(first), exact=True)).to_be_checked()
    screenshot(trainer, "trainer-schedule")

    attendee = sign_in(new_context(), "alice")
    attendee.get_by_role("navigation").get_by_role("link", name="Book a training").click()
    day = attendee.get_by_label("Day")
    for _ in range(20):  # the availability is eventually consistent: a moment after saving
        expect(day).to_be_visible()
        if day.locator(f"option[value='{first.date()}']").count():
            break
        attendee.wait_for_timeout(500)
        attendee.reload()
    day.select_option(str(first.date()))
    expect(attendee.get_by_label(f"{first.hour:02d}:00", exact=True)).to_be_visible()
    expect(attendee.get_by_label(f"{second.hour:02d}:00", exact=True)).to_be_visible()
    screenshot(attendee, "book-training")

    assert trainer_api.call("GET", f"/trainer/calendar?date_from={first.date()}&date_to={first.date()}")
    trainer.get_by_role("link", name="Calendar").click()
    day_header = trainer.get_by_role("columnheader", name=hour_label(first)[:-6], exact=True)
    for _ in range(7):
        expect(trainer.locator("table.calendar")).to_be_visible()
        if day_header.count():
            break
        trainer.get_by_role("button", name="Next week →").click()
    expect(day_header).to_be_visible()
    column = trainer.locator("table.calendar thead th").all_inner_texts().index(hour_label(first)[:-6])
    row = trainer.locator("table.calendar tbody tr").nth(first.hour - 12)
    expect(row.locator("td").nth(column - 1)).to_have_class(re.compile(r"calendar__cell--open"))
    screenshot(trainer, "calendar")
