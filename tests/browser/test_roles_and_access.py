"""Each role sees only its own menu; an attendee cannot reach the trainer's or the admin's pages
by URL; an account without a role gets one clear page instead of 403 errors."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from tests.browser.web_app_pages import screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

    from ops.local_stack.stack import LocalStack

MENUS = {
    "alice": ["My trainings", "Book a training", "Calendar"],
    "trainer": ["Trainings", "Calendar", "My hours"],
    "admin": ["Grant trainings"],
}


@pytest.mark.parametrize("uid", sorted(MENUS))
def test_each_role_sees_only_its_menu(new_context: Callable[..., BrowserContext], uid: str) -> None:
    page = sign_in(new_context(), uid)
    menu = page.get_by_role("navigation", name="Main menu").get_by_role("link")
    expect(menu).to_have_text(MENUS[uid])
    if uid == "alice":
        expect(page).to_have_url("/app/trainings")
        screenshot(page, "trainings")
    if uid == "admin":
        expect(page).to_have_url("/app/admin")


def test_an_attendee_cannot_open_the_trainers_or_admins_pages_by_url(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = sign_in(new_context(), "alice")
    page.goto("/app/trainer/schedule")
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is for trainers")
    expect(page.get_by_role("checkbox")).to_have_count(0)
    screenshot(page, "not-allowed")
    page.goto("/app/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is for the gym's admin")
    page.get_by_role("link", name="Go to your start page").click()
    expect(page.get_by_role("heading", name="My trainings")).to_be_visible()


def test_a_signed_out_visitor_is_sent_to_sign_in_and_back(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    page.goto("/app/calendar")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    screenshot(page, "sign-in")
    page.get_by_role("button", name="Sign in as Tom Trainer (trainer)").click()
    expect(page.get_by_role("heading", name="Calendar", level=1)).to_be_visible()


def test_an_account_without_a_role_gets_one_clear_page(
    new_context: Callable[..., BrowserContext], web_stack: LocalStack
) -> None:
    from ops.local_stack.auth_emulator_accounts import create_account

    assert web_stack.auth_emulator is not None
    uid = f"newcomer-{uuid.uuid4().hex[:8]}"
    email, password = f"{uid}@wild-workouts.test", f"pw-{uuid.uuid4().hex}"
    create_account(
        web_stack.auth_emulator.url,
        web_stack.firebase_project_id,
        uid=uid,
        email=email,
        password=password,
        display_name="New Comer",
    )
    page = new_context().new_page()
    page.goto("/app/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account has no role yet — ask the gym's admin")
    page.goto("/app/trainings")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account has no role yet — ask the gym's admin")
    expect(page.get_by_role("navigation", name="Main menu")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main menu").get_by_role("link")).to_have_count(0)
    screenshot(page, "no-role")


def test_a_wrong_password_is_told_in_plain_words(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    page.goto("/app/sign-in")
    page.get_by_label("Email").fill("alice@wild-workouts.test")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("The email or password is not right. Please try again.")
