"""Canceling explains the 24-hour rule before it happens: an early cancel says the training is
refunded, a late one warns that it is not; the list then shows the outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from tests.browser.web_app_pages import Api, HourPicker, book, long_hour_label, open_hours, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext


def test_early_cancel_is_refunded_and_late_cancel_warns_it_is_not(
    new_context: Callable[..., BrowserContext], id_token: Callable[[str], str]
) -> None:
    request = new_context().request
    trainer, admin, alice = (
        Api(request, id_token("trainer")),
        Api(request, id_token("admin")),
        Api(request, id_token("alice")),
    )
    picker = HourPicker(trainer)
    (early,) = picker.free(1, far=True)
    (late,) = picker.free(1, within_a_day=True)
    admin.call("POST", "/users/alice/grants", {"amount": 2})
    open_hours(trainer, [early, late])
    early_id, late_id = book(alice, early, "early one"), book(alice, late, "late one")
    balance = alice.balance()

    page = sign_in(new_context(), "alice")
    expect(page.get_by_role("heading", name="My trainings")).to_be_visible()

    early_row = page.locator(f"tr[data-training-id='{early_id}']")
    early_row.get_by_role("button", name=f"Cancel: {long_hour_label(early)}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("refund-warning")).to_contain_text("you will get the training back (refunded)")
    dialog.get_by_role("button", name="Yes, cancel the training").click()
    expect(early_row.get_by_test_id("training-status")).to_have_text("canceled (refunded)")
    expect(page.get_by_role("status")).to_contain_text("You got the training back (refunded)")

    late_row = page.locator(f"tr[data-training-id='{late_id}']")
    late_row.get_by_role("button", name=f"Cancel: {long_hour_label(late)}").click()
    expect(dialog.get_by_test_id("refund-warning")).to_have_text(
        "Less than 24 hours before: this training will NOT be refunded."
    )
    screenshot(page, "cancel-late-warning")
    dialog.get_by_role("button", name="Yes, cancel the training").click()
    expect(late_row.get_by_test_id("training-status")).to_have_text("canceled (not refunded)")
    assert alice.call("GET", f"/trainings/{late_id}")["refund"] == 0
    for _ in range(20):  # the refund is credited asynchronously
        if alice.balance() == balance + 1:
            break
        page.wait_for_timeout(250)
    assert alice.balance() == balance + 1  # the early one came back, the late one did not
