"""What ``make dev`` prints once the stack is up: where to click, who to sign in as, one curl line."""

from __future__ import annotations

from pathlib import Path

from ops.local_stack.demo_users import DEMO_PASSWORD, DEMO_USERS


def welcome_text(api_url: str, auth_emulator_url: str | None, granted: dict[str, int], web_built: bool) -> str:
    lines = [
        "",
        "Wild Workouts is running locally.",
        f"  web app    {api_url}/app/",
        f"  API docs   {api_url}/docs",
        f"  API        {api_url}  (OpenAPI document: {api_url}/openapi.json)",
    ]
    if not web_built:
        lines.append("  (the web app is not built yet: `make web-build`, then reload the page)")
    if auth_emulator_url is not None:
        lines += [
            "",
            f"Demo users (password {DEMO_PASSWORD}; Firebase Authentication emulator at {auth_emulator_url}):",
        ]
        for user in DEMO_USERS:
            extra = f"  {granted[user.uid]} trainings granted" if user.uid in granted else ""
            lines.append(f"  {user.email:<28} {user.role:<9} {user.display_name}{extra}")
    lines += [
        "",
        "One call with a token (any --role attendee|trainer|admin, any --uid):",
        f'  curl -s -H "Authorization: Bearer $(.venv/bin/python -m ops token --role attendee --uid alice)" '
        f"{api_url}/users/me/balance",
        "",
    ]
    return "\n".join(lines)


def web_is_built(dist: Path) -> bool:
    return (dist / "index.html").is_file()
