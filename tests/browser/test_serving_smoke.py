"""Smoke: the API docs page renders our API in Chromium under the CSP, the runtime config names
the local auth emulator and the demo users, and the app's first page loads without CSP errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ops.local_stack.demo_users import DEMO_USERS

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage

    from ops.local_stack.stack import LocalStack

OPENAPI = Path(__file__).resolve().parents[2] / "functions" / "wild_workouts" / "http" / "openapi.json"
API_TITLE = json.loads(OPENAPI.read_text())["info"]["title"]


def _console_errors(context: BrowserContext) -> list[str]:
    errors: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    context.on("console", keep)
    return errors


def test_the_docs_page_renders_our_api_under_the_csp(new_context: Callable[..., BrowserContext]) -> None:
    context = new_context()
    errors = _console_errors(context)
    page = context.new_page()

    response = page.goto("/docs")

    assert response is not None and response.ok
    assert page.url.endswith("/docs/")
    title = page.locator(".swagger-ui .info .title")
    title.wait_for(timeout=15_000)
    assert API_TITLE in title.inner_text()
    assert page.locator(".swagger-ui .opblock").count() > 5  # the operations of /openapi.json
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_the_runtime_config_names_the_emulator_and_the_demo_users(
    new_context: Callable[..., BrowserContext], web_stack: LocalStack
) -> None:
    response = new_context().request.get("/app/config.json")

    assert response.ok
    assert response.headers["cache-control"] == "no-cache"
    config = response.json()
    assert web_stack.auth_emulator is not None
    assert config["authEmulatorUrl"] == web_stack.auth_emulator.url
    assert config["firebase"]["projectId"] == "demo-wild-workouts"
    assert {(u["uid"], u["role"]) for u in config["demoUsers"]} == {(u.uid, u.role) for u in DEMO_USERS}


def test_the_app_loads_its_first_page_without_csp_errors(new_context: Callable[..., BrowserContext]) -> None:
    context = new_context()
    errors = _console_errors(context)
    page = context.new_page()

    response = page.goto("/app/")

    assert response is not None and response.ok
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    page.wait_for_load_state("networkidle")
    assert page.locator("#app > *").count() > 0  # the app mounted and rendered its first page
    assert not [e for e in errors if "Content Security Policy" in e], errors
