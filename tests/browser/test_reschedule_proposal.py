"""Less than 24 h before, a move is a proposal: the attendee proposes a new time in one browser,
the trainer sees it highlighted and approves it in another, and both see the new time."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from tests.browser.web_app_pages import Api, HourPicker, book, long_hour_label, open_hours, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext


def test_a_proposal_by_the_attendee_is_approved_by_the_trainer(
    new_context: Callable[..., BrowserContext], id_token: Callable[[str], str]
) -> None:
    request = new_context().request
    trainer_api, admin, bob = (
        Api(request, id_token("trainer")),
        Api(request, id_token("admin")),
        Api(request, id_token("bob")),
    )
    old, new = sorted(HourPicker(trainer_api).free(2, within_a_day=True))
    admin.call("POST", "/users/bob/grants", {"amount": 1})
    open_hours(trainer_api, [old, new])
    training_id = book(bob, old, "can we move?")

    attendee = sign_in(new_context(), "bob")
    row = attendee.locator(f"tr[data-training-id='{training_id}']")
    row.get_by_role("button", name=f"Propose new time: {long_hour_label(old)}").click()
    dialog = attendee.get_by_role("dialog")
    expect(dialog).to_contain_text("the trainer has to approve the new time, and may refuse")
    dialog.get_by_label("Day").select_option(str(new.date()))
    dialog.get_by_label(f"{new.hour:02d}:00", exact=True).check()
    dialog.get_by_role("button", name="Send the proposal").click()
    expect(row.locator(".new-time")).to_have_text(f"New time: {long_hour_label(new)}")
    expect(row.locator("del.old-time")).to_contain_text(long_hour_label(old))
    expect(row).to_contain_text("proposed by you")
    expect(row.get_by_role("button", name=f"Cancel the request: {long_hour_label(old)}")).to_be_visible()

    trainer = sign_in(new_context(), "trainer")
    trainer_row = trainer.locator(f"tr[data-training-id='{training_id}']")
    expect(trainer_row).to_have_class("row--proposal")
    expect(trainer_row).to_contain_text("proposed by the attendee")
    expect(trainer_row).to_contain_text("Bob Attendee")
    screenshot(trainer, "trainings-proposal")
    trainer_row.get_by_role("button", name=f"Approve: {long_hour_label(old)}").click()

    expect(trainer_row.locator("td.when")).to_have_text(long_hour_label(new), timeout=15_000)
    expect(trainer.get_by_role("status")).to_contain_text(f"Approved: the training is now on {long_hour_label(new)}")
    expect(row.locator("td.when")).to_have_text(long_hour_label(new), timeout=15_000)  # the list re-reads itself
    assert bob.call("GET", f"/trainings/{training_id}")["hour"].startswith(new.strftime("%Y-%m-%dT%H:00:00"))
