"""The browser tests' world: the whole local stack with the Firebase Authentication emulator and
the built web app, Debian's Chromium driven by Playwright, and the demo users.

- ``web_stack`` (session): a running LocalStack (real Pub/Sub and Firestore emulators, real push,
  the auth emulator seeded with the demo users) whose API serves ``web/dist`` at ``/app/``.
  The API also trusts the development issuer, for tests that prepare data over HTTP.
- ``base_url`` (session): the stack's URL (``{base_url}/app/``, ``{base_url}/docs/``).
- ``browser`` (session): headless Chromium at ``/usr/bin/chromium`` (``playwright install`` is
  neither possible nor needed here).
- ``new_context()``: a fresh browser context (its own session storage: one signed-in user each)
  with ``base_url`` set; every context is closed after the test.
- ``demo_users``: uid → DemoUser (email, password, display name, role).
- ``id_token(uid)``: the demo user's ID token from the emulator (as the web app gets it);
  ``dev_token(uid, role, name)``: a development-issuer token for any user.

Every test here is marked ``browser``. ``make browser-tools`` installs Chromium, the emulator and
builds the web app; a missing piece fails with that one line, not a stack trace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ops.local_stack.demo_users import DEMO_USERS, DemoUser, demo_user
from ops.local_stack.local_paths import REPO_ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

    from ops.local_stack.stack import LocalStack

CHROMIUM = Path("/usr/bin/chromium")
WEB_DIST = REPO_ROOT / "web" / "dist"
SETUP_HINT = "run `make browser-tools` (Chromium, the auth emulator, the web build)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def web_stack() -> Iterator[LocalStack]:
    from ops.demo.dev_tokens import dev_token_environment
    from ops.local_stack.stack import LocalStack, StackSettings

    if not (WEB_DIST / "index.html").is_file():
        pytest.fail(f"the web app is not built (web/dist/index.html is missing): {SETUP_HINT}", pytrace=False)
    settings = StackSettings(auth_emulator=True, web_dist_dir=WEB_DIST, extra_env=dev_token_environment())
    with LocalStack(settings) as stack:
        yield stack


@pytest.fixture(scope="package")
def base_url(web_stack: LocalStack) -> str:
    return web_stack.functions_url


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: {SETUP_HINT}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def new_context(browser: Browser, base_url: str) -> Iterator[Callable[..., BrowserContext]]:
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(base_url=base_url, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def demo_users() -> dict[str, DemoUser]:
    return {user.uid: user for user in DEMO_USERS}


@pytest.fixture(scope="package")
def id_token(web_stack: LocalStack) -> Callable[[str], str]:
    from ops.local_stack.auth_emulator_accounts import sign_in_with_password

    def sign_in(uid: str) -> str:
        assert web_stack.auth_emulator is not None
        user = demo_user(uid)
        return sign_in_with_password(web_stack.auth_emulator.url, user.email, user.password)

    return sign_in


@pytest.fixture(scope="package")
def dev_token(web_stack: LocalStack) -> Callable[[str, str, str], str]:
    from ops.demo.dev_tokens import mint

    def token(uid: str, role: str, name: str) -> str:
        return mint(uid, role, name, project=web_stack.firebase_project_id)

    return token
