"""The gym's admin grants trainings, and the attendee's "Trainings left" shows them."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from tests.browser.web_app_pages import Api, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext


def test_the_admin_grants_and_the_attendee_sees_the_new_balance(
    new_context: Callable[..., BrowserContext], id_token: Callable[[str], str]
) -> None:
    alice = Api(new_context().request, id_token("alice"))
    amount = random.randint(2, 9)
    attendee = sign_in(new_context(), "alice")
    attendee.get_by_role("navigation").get_by_role("link", name="Book a training").click()
    before = alice.balance()
    expect(attendee.get_by_test_id("balance")).to_have_text(f"Trainings left: {before}")

    admin = sign_in(new_context(), "admin")
    expect(admin.get_by_role("heading", name="Grant trainings", level=1)).to_be_visible()
    admin.get_by_label("Attendee's user id").fill("alice")
    admin.get_by_label("Number of trainings").fill(str(amount))
    admin.get_by_role("button", name="Grant").click()
    expect(admin.get_by_test_id("grant-result")).to_have_text(
        f"Granted {amount} trainings. Alice Attendee (alice) now has {before + amount} trainings left."
    )
    admin.get_by_label("User id", exact=True).fill("alice")
    admin.get_by_role("button", name="Look up").click()
    expect(admin.get_by_test_id("lookup-result")).to_have_text(
        f"Alice Attendee (alice) has {before + amount} trainings left."
    )
    screenshot(admin, "admin")

    attendee.reload()
    expect(attendee.get_by_test_id("balance")).to_have_text(f"Trainings left: {before + amount}")
