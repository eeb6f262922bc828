"""Accessibility basics on every page (axe-core: labels, contrast and the rest of WCAG 2 A/AA;
Tab reaches the main action with a visible focus ring) and the size budget of the first load:
the gzip-compressed JavaScript of the sign-in page at most 200 KB."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from tests.browser.web_app_pages import sign_in

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Locator, Page, Response

AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
FIRST_LOAD_BUDGET = 200 * 1024

PAGES = [
    ("alice", "/app/trainings", "My trainings"),
    ("alice", "/app/trainings/new", "Book a training"),
    ("alice", "/app/calendar", "Calendar"),
    ("trainer", "/app/trainings", "Trainings"),
    ("trainer", "/app/trainer/schedule", "My hours"),
    ("admin", "/app/admin", "Grant trainings"),
    ("alice", "/app/trainer/schedule", "This page is for trainers"),
]


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `make browser-tools` (npm ci in web/)", pytrace=False)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    return [
        {"rule": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5], "help": v["help"]}
        for v in result["violations"]
    ]


def test_the_sign_in_page_passes_axe_and_tab_reaches_the_action_with_visible_focus(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(bypass_csp=True).new_page()  # axe is injected as an inline script
    page.goto("/app/sign-in")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert _axe_violations(page) == []

    action = page.get_by_role("button", name="Sign in", exact=True)
    _tab_to(page, action)
    _assert_focus_ring(action)


@pytest.mark.parametrize(("uid", "path", "heading"), PAGES)
def test_every_page_passes_axe(new_context: Callable[..., BrowserContext], uid: str, path: str, heading: str) -> None:
    page = sign_in(new_context(bypass_csp=True), uid)
    page.goto(path)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Loading", exact=False)).to_have_count(0)
    assert _axe_violations(page) == []


def test_tab_reaches_the_main_action_of_the_trainings_page_with_visible_focus(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = sign_in(new_context(), "alice")
    expect(page.get_by_role("heading", name="My trainings")).to_be_visible()
    action = page.get_by_role("main").get_by_role("link", name="Book a training")
    _tab_to(page, action)
    _assert_focus_ring(action)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Book a training", level=1)).to_be_visible()


def _tab_to(page: Page, target: Locator, presses: int = 15) -> None:
    page.locator("body").focus()
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def _assert_focus_ring(target: Locator) -> None:
    style = target.evaluate(
        "e => { const s = getComputedStyle(e); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert style[0] != "none" and style[1] >= 2, style


def test_the_first_load_stays_within_the_script_budget(
    new_context: Callable[..., BrowserContext], capsys: pytest.CaptureFixture[str]
) -> None:
    page = new_context().new_page()
    scripts: list[Response] = []
    page.on(
        "response", lambda response: scripts.append(response) if response.request.resource_type == "script" else None
    )
    page.goto("/app/sign-in")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.wait_for_load_state("networkidle")
    sizes = {
        response.url.rsplit("/", 1)[-1]: (len(body := response.body()), len(gzip.compress(body, 9)))
        for response in scripts
    }
    total = sum(compressed for _, compressed in sizes.values())
    report = (
        f"first load (sign-in page): {len(sizes)} scripts, {total} bytes gzip (budget {FIRST_LOAD_BUDGET}): {sizes}"
    )
    with capsys.disabled():  # reported in every run's output, not only on failure
        print(f"\n{report}")  # noqa: T201 - the size report belongs in the test output
    assert sizes, "no script loaded"
    assert total <= FIRST_LOAD_BUDGET, report
